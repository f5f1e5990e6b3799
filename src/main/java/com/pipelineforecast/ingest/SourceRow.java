package com.pipelineforecast.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an export as read, before any value is interpreted. {@code line} is the 1-based line (CSV) or row
 * (workbook). {@code skipReason} is set for rows that are not deals by their form: title lines above the
 * header and footer or total lines (such rows are recorded, not rejected).
 */
public record SourceRow(String file, int line, HeaderMap header, String[] values, String skipReason) {

    /** Cell values that mean "no value". */
    private static final java.util.Set<String> EMPTY = java.util.Set.of("-", "–", "—", "--", "n/a", "N/A", "#N/A",
            "null", "NULL");

    public SourceRow(String file, int line, HeaderMap header, String[] values) {
        this(file, line, header, values, null);
    }

    /** The trimmed value of a canonical column, or null when the column is absent or the cell blank. */
    public String value(CanonicalColumn column) {
        return cell(header.indexOf(column));
    }

    /** Raw values of the checklist item columns found in the header, by item id. */
    public Map<String, String> itemValues() {
        Map<String, String> values = new LinkedHashMap<>();
        header.itemColumns().forEach((item, index) -> values.put(item, cell(index)));
        return values;
    }

    /** Values of the other columns, by normalised header ("Lead Source" as "leadsource"); blanks left out. */
    public Map<String, String> extraValues() {
        Map<String, String> values = new LinkedHashMap<>();
        header.extraColumns().forEach((name, index) -> {
            String value = cell(index);
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    /** Separates the values of {@link #exportValues()} in storage; never part of a value. */
    public static final char EXPORT_SEPARATOR = '\u001F';

    /** The raw values of the header's export columns, joined by {@link #EXPORT_SEPARATOR}; null when there are none. */
    public String exportValues() {
        java.util.List<Integer> columns = header.exportColumns();
        if (columns.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                joined.append(EXPORT_SEPARATOR);
            }
            int index = columns.get(i);
            String value = index < values.length && values[index] != null ? values[index].strip() : "";
            joined.append(value.replace(EXPORT_SEPARATOR, ' '));
        }
        return joined.toString();
    }

    /** The row's text as one line, for the record of skipped rows. */
    public String text() {
        return String.join(" | ", java.util.Arrays.stream(values).filter(v -> !v.isBlank()).toList());
    }

    public String headerOf(CanonicalColumn column) {
        return header.headerOf(column);
    }

    private String cell(int index) {
        if (index < 0 || index >= values.length) {
            return null;
        }
        String value = values[index].strip();
        return value.isEmpty() || EMPTY.contains(value) ? null : value;
    }
}
