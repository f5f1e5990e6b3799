package com.pipelineforecast.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.pipelineforecast.playbook.Names;

/**
 * What an export's outcome columns say of a row, which wins over its stage: Dynamics 365 {@code Status}
 * (Open/Won/Lost, or {@code statecode} 0/1/2) and {@code Status Reason} (or {@code statuscode} 1–5), Pipedrive
 * {@code Deal - Status} (open/won/lost/deleted), Salesforce {@code IsWon}/{@code IsClosed}/{@code IsDeleted}
 * (report exports: {@code Won}/{@code Closed}), HubSpot's closed-won and closed flags. The first column that says
 * something decides, in that order. {@code text} quotes the columns and values that decided.
 */
public record DealStatus(Kind kind, String text) {

    public enum Kind {
        OPEN, WON, LOST, DELETED
    }

    private static final Map<String, Kind> STATUS = Map.ofEntries(Map.entry("open", Kind.OPEN),
            Map.entry("active", Kind.OPEN), Map.entry("offen", Kind.OPEN), Map.entry("inprogress", Kind.OPEN),
            Map.entry("onhold", Kind.OPEN), Map.entry("won", Kind.WON), Map.entry("closedwon", Kind.WON),
            Map.entry("gewonnen", Kind.WON), Map.entry("lost", Kind.LOST), Map.entry("closedlost", Kind.LOST),
            Map.entry("verloren", Kind.LOST), Map.entry("canceled", Kind.LOST), Map.entry("cancelled", Kind.LOST),
            Map.entry("outsold", Kind.LOST), Map.entry("deleted", Kind.DELETED));
    /** Dynamics 365's option-set numbers, where an export writes the column's raw values. */
    private static final Map<String, Map<String, Kind>> NUMBERS = Map.of(
            "statecode", Map.of("0", Kind.OPEN, "1", Kind.WON, "2", Kind.LOST),
            "statuscode", Map.of("1", Kind.OPEN, "2", Kind.OPEN, "3", Kind.WON, "4", Kind.LOST, "5", Kind.LOST));
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "x", "ja", "wahr", "✓");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "n", "nein", "falsch");

    /** The row's status, or null when its columns are absent, blank or unreadable (then the stage decides). */
    static DealStatus of(SourceRow row) {
        DealStatus status = word(row, CanonicalColumn.STATUS);
        if (status == null) {
            status = word(row, CanonicalColumn.STATUS_REASON);
        }
        if (status == null && flag(row, CanonicalColumn.IS_DELETED) == Boolean.TRUE) {
            status = new DealStatus(Kind.DELETED, quote(row, CanonicalColumn.IS_DELETED));
        }
        return status != null ? status : flags(row);
    }

    /** The status columns whose values are none of the known words, quoted, or null: reported, then the stage decides. */
    static String unreadable(SourceRow row) {
        List<String> unread = new ArrayList<>();
        for (CanonicalColumn column : new CanonicalColumn[] {CanonicalColumn.STATUS, CanonicalColumn.STATUS_REASON}) {
            String value = row.value(column);
            if (value != null && kind(row, column, value) == null) {
                unread.add(quote(row, column));
            }
        }
        for (CanonicalColumn column : new CanonicalColumn[] {CanonicalColumn.IS_WON, CanonicalColumn.IS_CLOSED}) {
            if (row.value(column) != null && flag(row, column) == null) {
                unread.add(quote(row, column));
            }
        }
        return unread.isEmpty() ? null : String.join(", ", unread);
    }

    private static DealStatus word(SourceRow row, CanonicalColumn column) {
        String value = row.value(column);
        Kind kind = value == null ? null : kind(row, column, value);
        return kind == null ? null : new DealStatus(kind, quote(row, column));
    }

    private static Kind kind(SourceRow row, CanonicalColumn column, String value) {
        Map<String, Kind> numbers = NUMBERS.get(Names.normalize(row.headerOf(column)));
        Kind kind = numbers == null ? null : numbers.get(value.strip());
        return kind != null ? kind : STATUS.get(Names.normalize(value));
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
        if (won == Boolean.TRUE) {
            return new DealStatus(Kind.WON, quote(row, CanonicalColumn.IS_WON));
        }
        if (closed == null) {
            return null;
        }
        if (!closed) {
            return new DealStatus(Kind.OPEN, quote(row, CanonicalColumn.IS_CLOSED));
        }
        return hasWon && won == Boolean.FALSE ? new DealStatus(Kind.LOST, quote(row, CanonicalColumn.IS_CLOSED)
                + " and " + quote(row, CanonicalColumn.IS_WON)) : null;
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

    private static String quote(SourceRow row, CanonicalColumn column) {
        String value = row.value(column);
        return row.headerOf(column) + " '" + (value == null ? "" : value) + "'";
    }
}
