package com.pipelineforecast.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an export's outcome columns say of a row, which wins over its stage: Dynamics 365 {@code Status}
 * (Open/Won/Lost) and {@code Status Reason}, Pipedrive {@code Deal - Status} (open/won/lost/deleted), Salesforce
 * {@code IsWon}/{@code IsClosed}/{@code IsDeleted}, HubSpot's closed-won and closed flags. The first column that
 * says something decides, in that order.
 */
public record DealStatus(Kind kind, String column, String value) {

    public enum Kind {
        OPEN, WON, LOST, DELETED
    }

    private static final Map<String, Kind> STATUS = Map.ofEntries(Map.entry("open", Kind.OPEN),
            Map.entry("active", Kind.OPEN), Map.entry("offen", Kind.OPEN), Map.entry("inprogress", Kind.OPEN),
            Map.entry("onhold", Kind.OPEN), Map.entry("won", Kind.WON), Map.entry("closedwon", Kind.WON),
            Map.entry("gewonnen", Kind.WON), Map.entry("lost", Kind.LOST), Map.entry("closedlost", Kind.LOST),
            Map.entry("verloren", Kind.LOST), Map.entry("canceled", Kind.LOST), Map.entry("cancelled", Kind.LOST),
            Map.entry("outsold", Kind.LOST), Map.entry("deleted", Kind.DELETED));
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "x", "ja", "wahr", "✓");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "n", "nein", "falsch");

    /** The row's status, or null when its columns are absent, blank or unreadable (then the stage decides). */
    static DealStatus of(SourceRow row) {
        DealStatus status = word(row, CanonicalColumn.STATUS);
        if (status == null) {
            status = word(row, CanonicalColumn.STATUS_REASON);
        }
        if (status == null && flag(row, CanonicalColumn.IS_DELETED) == Boolean.TRUE) {
            status = new DealStatus(Kind.DELETED, row.headerOf(CanonicalColumn.IS_DELETED),
                    row.value(CanonicalColumn.IS_DELETED));
        }
        return status != null ? status : flags(row);
    }

    /** A status column's value that is none of the known words, or null: reported, then the stage decides. */
    static String unreadable(SourceRow row) {
        for (CanonicalColumn column : new CanonicalColumn[] {CanonicalColumn.STATUS, CanonicalColumn.STATUS_REASON}) {
            String value = row.value(column);
            if (value != null && STATUS.get(key(value)) == null) {
                return row.headerOf(column) + " '" + value + "'";
            }
        }
        return null;
    }

    private static DealStatus word(SourceRow row, CanonicalColumn column) {
        String value = row.value(column);
        Kind kind = value == null ? null : STATUS.get(key(value));
        return kind == null ? null : new DealStatus(kind, row.headerOf(column), value);
    }

    /**
     * Salesforce writes false as a blank, so where the column exists a blank is "no": closed and won is won,
     * closed and not won is lost, not closed is open; won alone (no closed column) says only won.
     */
    private static DealStatus flags(SourceRow row) {
        boolean hasWon = row.header().has(CanonicalColumn.IS_WON);
        boolean hasClosed = row.header().has(CanonicalColumn.IS_CLOSED);
        Boolean won = hasWon ? flag(row, CanonicalColumn.IS_WON) : null;
        Boolean closed = hasClosed ? flag(row, CanonicalColumn.IS_CLOSED) : null;
        String column = row.headerOf(CanonicalColumn.IS_WON);
        if (won == Boolean.TRUE) {
            return new DealStatus(Kind.WON, column, row.value(CanonicalColumn.IS_WON));
        }
        if (!hasClosed || closed == null) {
            return null;
        }
        String closedColumn = row.headerOf(CanonicalColumn.IS_CLOSED);
        String closedValue = row.value(CanonicalColumn.IS_CLOSED);
        if (!closed) {
            return new DealStatus(Kind.OPEN, closedColumn, closedValue == null ? "" : closedValue);
        }
        return hasWon && won == Boolean.FALSE ? new DealStatus(Kind.LOST, closedColumn + " and " + column,
                closedValue) : null;
    }

    /** True, false (blank counts as false where the column exists), or null for a value that is neither. */
    private static Boolean flag(SourceRow row, CanonicalColumn column) {
        String value = row.value(column);
        if (value == null) {
            return row.header().has(column) ? Boolean.FALSE : null;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        return TRUE.contains(word) ? Boolean.TRUE : FALSE.contains(word) ? Boolean.FALSE : null;
    }

    private static String key(String value) {
        return com.pipelineforecast.playbook.Names.normalize(value);
    }
}
