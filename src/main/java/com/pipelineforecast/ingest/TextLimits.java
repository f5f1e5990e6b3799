package com.pipelineforecast.ingest;

/**
 * How long a text may be where it is kept. A field longer than {@link #FIELD} characters cannot be stored (the
 * database's text columns hold that many): its row is rejected ({@code FIELD_TOO_LONG}). Values in the list of
 * rejected rows are cut to {@link #REJECTED_VALUE} characters, with the full length named.
 */
public final class TextLimits {

    /** The longest field a deal row may hold: the history's text columns (VARCHAR(32768) on HSQLDB). */
    public static final int FIELD = 32_768;
    /** The longest column name, value or reason kept for a rejected row (rejected.csv, the Rejected sheet). */
    public static final int REJECTED_VALUE = 1_000;

    private TextLimits() {
    }

    /**
     * The text, or its first {@code limit} characters followed by {@code … (N characters)} when it is longer (never
     * ending in half a surrogate pair).
     */
    public static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
