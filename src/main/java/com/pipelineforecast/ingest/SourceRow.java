package com.pipelineforecast.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** One data row of an export as read, before any value is interpreted. {@code line} is 1-based. */
public record SourceRow(String file, int line, HeaderMap header, String[] values) {

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

    public String headerOf(CanonicalColumn column) {
        return header.headerOf(column);
    }

    private String cell(int index) {
        if (index < 0 || index >= values.length) {
            return null;
        }
        String value = values[index].strip();
        return value.isEmpty() ? null : value;
    }
}
