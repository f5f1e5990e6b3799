package com.pipelineforecast.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.pipelineforecast.playbook.Names;

/** Where each canonical column and each checklist item sits in one file's header. */
public final class HeaderMap {

    private final List<String> headers;
    private final Map<CanonicalColumn, Integer> canonical = new EnumMap<>(CanonicalColumn.class);
    private final Map<String, Integer> items = new HashMap<>();
    private final Map<String, Integer> extras = new java.util.LinkedHashMap<>();

    private HeaderMap(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /**
     * Maps a header row: canonical columns by name or alias (first match wins), checklist item columns by
     * item id.
     */
    public static HeaderMap of(List<String> headers, Collection<String> checklistItemIds) {
        HeaderMap map = new HeaderMap(headers);
        Map<String, String> itemsByKey = new HashMap<>();
        checklistItemIds.forEach(id -> itemsByKey.put(Names.normalize(id), id));
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            int index = i;
            Optional<CanonicalColumn> column = java.util.Arrays.stream(CanonicalColumn.values())
                    .filter(c -> !map.canonical.containsKey(c) && c.matches(header)).findFirst();
            if (column.isPresent()) {
                map.canonical.put(column.get(), index);
                continue;
            }
            String item = itemsByKey.get(Names.normalize(header));
            if (item != null && !map.items.containsKey(item)) {
                map.items.put(item, index);
            } else if (!header.isBlank()) {
                map.extras.putIfAbsent(Names.normalize(header), index);
            }
        }
        return map;
    }

    public List<CanonicalColumn> missingRequired() {
        List<CanonicalColumn> missing = new ArrayList<>();
        for (CanonicalColumn column : CanonicalColumn.values()) {
            if (column.required() && !canonical.containsKey(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    public List<String> headers() {
        return headers;
    }

    public boolean has(CanonicalColumn column) {
        return canonical.containsKey(column);
    }

    /** The header as written in the file, for messages. */
    public String headerOf(CanonicalColumn column) {
        Integer index = canonical.get(column);
        return index == null ? column.canonicalName() : headers.get(index);
    }

    int indexOf(CanonicalColumn column) {
        return canonical.getOrDefault(column, -1);
    }

    Map<String, Integer> itemColumns() {
        return items;
    }

    /** Columns that are neither canonical nor checklist items, by normalised header. */
    Map<String, Integer> extraColumns() {
        return extras;
    }
}
