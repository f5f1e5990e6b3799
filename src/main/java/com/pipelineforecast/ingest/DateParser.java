package com.pipelineforecast.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates as CRMs export them: ISO {@code 2026-11-22} (also with a time part), {@code 22.11.2026},
 * {@code 11/22/2026} (month first unless the first number exceeds 12), {@code 2026/11/22}, and Excel serial
 * numbers. Impossible dates such as {@code 31.02.2026} are refused.
 */
public final class DateParser {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern YEAR_FIRST_SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: .*)?");
    private static final Pattern SERIAL = Pattern.compile("\\d{5}(?:\\.\\d+)?");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private DateParser() {
    }

    public static LocalDate parse(String raw) {
        String text = raw.strip();
        try {
            Matcher m = ISO.matcher(text);
            if (m.matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
            m = YEAR_FIRST_SLASH.matcher(text);
            if (m.matches()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
            m = DOTTED.matcher(text);
            if (m.matches()) {
                return date(m.group(3), m.group(2), m.group(1));
            }
            m = SLASHED.matcher(text);
            if (m.matches()) {
                int first = Integer.parseInt(m.group(1));
                return first > 12 ? date(m.group(3), m.group(2), m.group(1)) : date(m.group(3), m.group(1),
                        m.group(2));
            }
            if (SERIAL.matcher(text).matches()) {
                return EXCEL_EPOCH.plusDays((long) Double.parseDouble(text));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date");
        }
        throw new IllegalArgumentException("not a date");
    }

    private static LocalDate date(String year, String month, String day) {
        return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }
}
