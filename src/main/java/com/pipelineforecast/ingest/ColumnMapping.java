package com.pipelineforecast.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.playbook.Names;

/**
 * How headers map to canonical columns and stage values to playbook stages: the built-in aliases of the common
 * CRM exports, overridden and extended by a mapping file ({@code --mapping}). Names match ignoring case, spaces
 * and punctuation; a mapping file's names win over the built-in ones.
 */
public final class ColumnMapping {

    public static final ColumnMapping BUILT_IN = new ColumnMapping(Map.of(), Map.of());

    private final Map<String, CanonicalColumn> extraHeaders;
    private final Map<String, String> stages;
    private final Map<String, String> itemHeaders = new HashMap<>();
    private final Map<String, String> stagesAsWritten = new java.util.LinkedHashMap<>();

    /**
     * @param columnNames extra header names per canonical column
     * @param stageValues exported stage value to playbook stage id
     */
    public ColumnMapping(Map<CanonicalColumn, List<String>> columnNames, Map<String, String> stageValues) {
        this(columnNames, stageValues, Map.of());
    }

    /**
     * @param itemColumns checklist item id to the header names of the CRM fields that record it (a Salesforce
     *     {@code Budget_Confirmed__c}, a Dynamics business-process step)
     */
    public ColumnMapping(Map<CanonicalColumn, List<String>> columnNames, Map<String, String> stageValues,
            Map<String, List<String>> itemColumns) {
        itemColumns.forEach((item, names) -> names.forEach(name -> itemHeaders.put(Names.normalize(name), item)));
        this.extraHeaders = new HashMap<>();
        columnNames.forEach((column, names) -> names.forEach(name -> extraHeaders.put(Names.normalize(name), column)));
        this.stages = new HashMap<>();
        stageValues.forEach((value, stage) -> stages.put(Names.normalize(value), stage));
        stagesAsWritten.putAll(stageValues);
    }

    /** The canonical column a header names, or null for an extra column. */
    public CanonicalColumn columnFor(String header) {
        String normalized = Names.normalize(header);
        CanonicalColumn mapped = extraHeaders.get(normalized);
        return mapped != null ? mapped : CanonicalColumn.byName(normalized);
    }

    /** The playbook stage a mapping file maps an exported stage value to, or null when it does not. */
    public String mappedStage(String value) {
        return value == null ? null : stages.get(Names.normalize(value));
    }

    /**
     * Refuses a mapping whose stages or checklist items the playbook does not have, before any deal is read (else
     * every row of a mistyped stage would be rejected).
     */
    public void validate(com.pipelineforecast.playbook.Playbook playbook) {
        stagesAsWritten.forEach((value, stage) -> {
            if (playbook.resolve(stage).isEmpty()) {
                throw new IllegalArgumentException("--mapping: '" + value + ": " + stage + "' names no stage of "
                        + "playbook " + playbook.id() + " (stages: " + String.join(", ", playbook.stages().stream()
                                .map(com.pipelineforecast.playbook.Stage::id).toList()) + ")");
            }
        });
        java.util.Set<String> items = new java.util.HashSet<>();
        playbook.stages().forEach(s -> s.checklist().forEach(i -> items.add(Names.normalize(i.id()))));
        new java.util.TreeSet<>(itemHeaders.values()).forEach(item -> {
            if (!items.contains(Names.normalize(item))) {
                throw new IllegalArgumentException("--mapping: checklist item '" + item + "' is not an item of "
                        + "playbook " + playbook.id() + " (--list-playbooks lists them)");
            }
        });
    }

    /** The headers a mapping file names for checklist items (normalised), with their items. */
    public Map<String, String> itemHeaders() {
        return Map.copyOf(itemHeaders);
    }

    /** The checklist item a mapping file says this header records, or null. */
    public String itemFor(String header) {
        return itemHeaders.get(Names.normalize(header));
    }
}
