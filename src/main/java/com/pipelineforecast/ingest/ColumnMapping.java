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

    /**
     * @param columnNames extra header names per canonical column
     * @param stageValues exported stage value to playbook stage id
     */
    public ColumnMapping(Map<CanonicalColumn, List<String>> columnNames, Map<String, String> stageValues) {
        this.extraHeaders = new HashMap<>();
        columnNames.forEach((column, names) -> names.forEach(name -> extraHeaders.put(Names.normalize(name), column)));
        this.stages = new HashMap<>();
        stageValues.forEach((value, stage) -> stages.put(Names.normalize(value), stage));
    }

    /** The canonical column a header names, or null for an extra column. */
    public CanonicalColumn columnFor(String header) {
        String normalized = Names.normalize(header);
        CanonicalColumn mapped = extraHeaders.get(normalized);
        return mapped != null ? mapped : CanonicalColumn.byName(normalized);
    }

    /** The playbook stage an exported stage value is mapped to, or the value itself when not mapped. */
    public String stageFor(String value) {
        return value == null ? null : stages.getOrDefault(Names.normalize(value), value);
    }
}
