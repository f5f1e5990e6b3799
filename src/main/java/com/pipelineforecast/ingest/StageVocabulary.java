package com.pipelineforecast.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.pipelineforecast.playbook.Names;

/**
 * The default stage values of the common CRM exports (Salesforce, HubSpot, Dynamics 365, Pipedrive, Zoho, Odoo)
 * onto six-stage playbook stage ids, from {@code vocabularies/crm-stages.yml}. Values match ignoring case, spaces
 * and punctuation.
 */
public final class StageVocabulary {

    /** One exported value: the stage it means and the CRMs whose default vocabulary holds it. */
    public record Entry(String value, String stageId, List<String> crms) {
    }

    public static final StageVocabulary BUILT_IN = load("/vocabularies/crm-stages.yml");

    private final Map<String, Entry> byValue;

    private StageVocabulary(Map<String, Entry> byValue) {
        this.byValue = byValue;
    }

    @SuppressWarnings("unchecked")
    static StageVocabulary load(String resource) {
        Map<String, Object> root;
        try (InputStream in = StageVocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        root.forEach((crm, values) -> ((Map<Object, Object>) values).forEach((value, stage) -> {
            String key = Names.normalize(String.valueOf(value));
            Entry known = entries.get(key);
            if (known != null && !known.stageId().equals(stage)) {
                throw new IllegalStateException(resource + ": '" + value + "' maps to " + known.stageId() + " and "
                        + stage);
            }
            List<String> crms = new ArrayList<>(known == null ? List.of() : known.crms());
            crms.add(crm);
            entries.put(key, new Entry(known == null ? String.valueOf(value) : known.value(), String.valueOf(stage),
                    List.copyOf(crms)));
        }));
        return new StageVocabulary(entries);
    }

    /** The entry for an exported value, or null. */
    public Entry lookup(String value) {
        return value == null ? null : byValue.get(Names.normalize(value));
    }

    /** Every value with its stage and CRMs, in the order of the vocabulary file: the README's table. */
    public List<Entry> entries() {
        return List.copyOf(byValue.values());
    }
}
