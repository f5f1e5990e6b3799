package com.pipelineforecast.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.playbook.Names;

/**
 * The layout of one export: where each canonical column and each checklist item sits in its header, the other
 * columns, and how the file writes its dates. The first header that maps to a column wins; later ones with the
 * same meaning are kept as extra columns.
 */
public final class HeaderMap {

    private final List<String> headers;
    private final Map<CanonicalColumn, Integer> canonical = new EnumMap<>(CanonicalColumn.class);
    private final Map<String, Integer> items = new HashMap<>();
    private final Map<String, Integer> extras = new LinkedHashMap<>();
    private DateReader dates = DateReader.DETECT;
    private java.util.Set<String> exportedItems = java.util.Set.of();
    /** {@link #exportColumns()}, once asked: the columns are all known by then. */
    private volatile List<Integer> exportColumns;

    private HeaderMap(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public static HeaderMap of(List<String> headers, Collection<String> checklistItemIds) {
        return of(headers, checklistItemIds, ColumnMapping.BUILT_IN);
    }

    public static HeaderMap of(List<String> headers, Collection<String> checklistItemIds, ColumnMapping mapping) {
        return of(headers, checklistItemIds, mapping, java.util.Set.of());
    }

    /** Hidden columns count only when they hold a canonical column (a record id, say); otherwise they are ignored. */
    public static HeaderMap of(List<String> headers, Collection<String> checklistItemIds, ColumnMapping mapping,
            java.util.Set<Integer> hidden) {
        HeaderMap map = new HeaderMap(headers);
        Map<String, String> itemsByKey = new HashMap<>();
        checklistItemIds.forEach(id -> itemsByKey.put(Names.normalize(id), id));
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            CanonicalColumn column = mapping.columnFor(header);
            if (column != null && !map.canonical.containsKey(column)) {
                map.canonical.put(column, i);
                continue;
            }
            if (hidden.contains(i)) {
                continue;
            }
            String mappedItem = mapping.itemFor(header);
            String item = mappedItem != null ? itemsByKey.get(Names.normalize(mappedItem))
                    : itemsByKey.get(Names.normalize(header));
            if (item != null && !map.items.containsKey(item)) {
                map.items.put(item, i);
            } else if (!header.isBlank()) {
                String key = Names.normalize(header);
                for (int n = 2; map.extras.containsKey(key); n++) {
                    key = Names.normalize(header) + "_" + n;
                }
                map.extras.put(key, i);
            }
        }
        map.exportedItems = map.canonical.containsKey(CanonicalColumn.CHECKLIST)
                ? java.util.Set.copyOf(checklistItemIds) : java.util.Set.copyOf(map.items.keySet());
        return map;
    }

    /**
     * The checklist items this export can say anything about: those with a column (by item id or through the
     * mapping file), and with a checklist column listing the items done, those it names somewhere in the file.
     * The others are not assessed.
     */
    public java.util.Set<String> exportedItems() {
        return exportedItems;
    }

    /**
     * With a checklist column: the items the export carries are those with a column of their own and those the
     * checklist column names somewhere in the file ({@code listed}, normalised ids).
     */
    void restrictToListed(java.util.Set<String> listed) {
        java.util.Set<String> carried = new java.util.HashSet<>(items.keySet());
        for (String id : exportedItems) {
            if (listed.contains(Names.normalize(id))) {
                carried.add(id);
            }
        }
        exportedItems = java.util.Set.copyOf(carried);
    }

    /** How many canonical columns this header maps: the header row is the first that maps the required ones. */
    int canonicalCount() {
        return canonical.size();
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

    public DateReader dates() {
        return dates;
    }

    void decideDates(DateReader reader) {
        this.dates = reader;
    }

    int indexOf(CanonicalColumn column) {
        return canonical.getOrDefault(column, -1);
    }

    Map<String, Integer> itemColumns() {
        return items;
    }

    /**
     * The columns of the export beyond the stored canonical ones (checklist items, the checklist column and every
     * other column), in header order: carried into the workbook's deal sheet. Worked out once (every row asks).
     */
    public List<Integer> exportColumns() {
        List<Integer> known = exportColumns;
        if (known == null) {
            known = exportColumnsOfHeader();
            exportColumns = known;
        }
        return known;
    }

    private List<Integer> exportColumnsOfHeader() {
        java.util.TreeSet<Integer> columns = new java.util.TreeSet<>(items.values());
        columns.addAll(extras.values());
        for (CanonicalColumn kept : List.of(CanonicalColumn.CHECKLIST, CanonicalColumn.STATUS,
                CanonicalColumn.STATUS_REASON, CanonicalColumn.IS_WON, CanonicalColumn.IS_CLOSED)) {
            Integer index = canonical.get(kept);
            if (index != null) {
                columns.add(index);
            }
        }
        return List.copyOf(columns);
    }

    /** The header texts of {@link #exportColumns()}. */
    public List<String> exportHeaders() {
        return exportColumns().stream().map(i -> headers.get(i).strip()).toList();
    }

    Map<String, Integer> extraColumns() {
        return extras;
    }
}
