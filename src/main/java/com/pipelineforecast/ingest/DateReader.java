package com.pipelineforecast.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates of one export. Slashed dates ({@code 03/04/2026}) are ambiguous: the order is decided per file
 * from its values (a first number above 12 means day first, a second one above 12 month first), or given with
 * {@code --date-format}; without evidence month first is assumed and said so. A value that does not fit the
 * file's order is refused, never swapped.
 */
public final class DateReader {

    /** Order of day and month in slashed dates. */
    public enum SlashOrder { MONTH_FIRST, DAY_FIRST }

    public static final DateReader DETECT = new DateReader(null, null, false, false);
    private static final Pattern ISO_OR_SERIAL = Pattern.compile("\\d{4}-.*|\\d{5}(\\.\\d+)?");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/\\d{4}(?:[ T].*)?");

    private final DateTimeFormatter pattern;
    private final SlashOrder order;
    private final boolean assumed;
    /** Whether the samples the order was decided from held any slashed date at all. */
    private final boolean slashedSeen;

    private DateReader(DateTimeFormatter pattern, SlashOrder order, boolean assumed, boolean slashedSeen) {
        this.pattern = pattern;
        this.order = order;
        this.assumed = assumed;
        this.slashedSeen = slashedSeen;
    }

    /** A reader for {@code --date-format} (a java.time pattern such as {@code dd/MM/yyyy}); ISO dates still read. */
    public static DateReader ofPattern(String format) {
        try {
            return new DateReader(DateTimeFormatter.ofPattern(format.replace("yyyy", "uuuu").replace("yy", "uu"))
                    .withResolverStyle(ResolverStyle.STRICT), null, false, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--date-format: not a date pattern: '" + format + "' ("
                    + e.getMessage() + ")");
        }
    }

    /** This reader with the slash order decided from sample values of the file's date columns. */
    public DateReader decidedBy(Iterable<String> samples) {
        if (pattern != null || order != null) {
            return this;
        }
        boolean dayFirst = false;
        boolean monthFirst = false;
        boolean seen = false;
        for (String sample : samples) {
            Matcher m = SLASHED.matcher(sample.strip());
            if (m.matches()) {
                seen = true;
                dayFirst |= Integer.parseInt(m.group(1)) > 12;
                monthFirst |= Integer.parseInt(m.group(2)) > 12;
            }
        }
        if (dayFirst && !monthFirst) {
            return new DateReader(null, SlashOrder.DAY_FIRST, false, true);
        }
        if (monthFirst && !dayFirst) {
            return new DateReader(null, SlashOrder.MONTH_FIRST, false, true);
        }
        // no evidence, or a file that writes both orders: month first, and values that do not fit are refused
        return new DateReader(null, SlashOrder.MONTH_FIRST, true, seen);
    }

    public LocalDate read(String text) {
        String value = text.strip();
        if (pattern != null) {
            try {
                return LocalDate.parse(value, pattern);
            } catch (DateTimeException e) {
                // ISO and Excel serials stay readable whatever the pattern
            }
        }
        Matcher m = SLASHED.matcher(value);
        if (m.matches() && order != null) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(2));
            String year = value.substring(m.end(2) + 1, m.end(2) + 5);
            try {
                return order == SlashOrder.DAY_FIRST ? LocalDate.of(Integer.parseInt(year), second, first)
                        : LocalDate.of(Integer.parseInt(year), first, second);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not a date in this file's order (" + description() + ")");
            }
        }
        if (pattern != null && !ISO_OR_SERIAL.matcher(value).matches()) {
            throw new IllegalArgumentException("does not match --date-format");
        }
        return DateParser.parse(value);
    }

    /** How this file's slashed dates are read, for run.json and messages. */
    public String description() {
        if (pattern != null) {
            return "--date-format";
        }
        if (order == null) {
            return "undecided";
        }
        if (assumed && !slashedSeen) {
            // an export of ISO dates: nothing was assumed about them
            return "yyyy-MM-dd (a slashed date would be read M/d/yyyy)";
        }
        return (order == SlashOrder.DAY_FIRST ? "d/M/yyyy" : "M/d/yyyy") + (assumed ? " (assumed)" : "");
    }
}
