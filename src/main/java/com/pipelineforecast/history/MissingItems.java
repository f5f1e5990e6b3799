package com.pipelineforecast.history;

import java.util.ArrayList;
import java.util.List;

import com.pipelineforecast.domain.Finding;

/**
 * The checklist items a deal's evidence misses as its snapshot row keeps them ({@code missing_items}): each item's
 * stage and id joined by U+001F, the items by U+001E, in finding order (ids never hold either).
 */
final class MissingItems {

    private static final char FIELD = '\u001F';
    private static final char ITEM = '\u001E';

    private MissingItems() {
    }

    /** The STAGE_NOT_EVIDENCED findings' stages and items; null when there are none. */
    static String join(List<Finding> findings) {
        StringBuilder joined = new StringBuilder();
        for (Finding finding : findings) {
            if (DealRecord.MISSING_ITEM.equals(finding.code())) {
                if (joined.length() > 0) {
                    joined.append(ITEM);
                }
                joined.append(finding.stage()).append(FIELD).append(finding.item());
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** Each item's stage and id, in order. */
    static List<String[]> split(String joined) {
        List<String[]> items = new ArrayList<>();
        if (joined == null || joined.isEmpty()) {
            return items;
        }
        for (String item : joined.split(String.valueOf(ITEM), -1)) {
            int field = item.indexOf(FIELD);
            items.add(new String[] {item.substring(0, field), item.substring(field + 1)});
        }
        return items;
    }
}
