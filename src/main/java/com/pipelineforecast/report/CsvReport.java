package com.pipelineforecast.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV report (UTF-8, LF) from streamed rows, one column per value of a row, without holding them.
 * Every text cell that a spreadsheet would run as a formula is neutralised (see {@link #safeCell(String)}).
 */
final class CsvReport {

    /** A plain negative number ({@code -12.50}, {@code -1,234.00}): a spreadsheet reads it as a number, never a formula. */
    private static final Pattern PLAIN_NEGATIVE_NUMBER = Pattern.compile("-[0-9][0-9.,]*");

    private CsvReport() {
    }

    /**
     * @param rows streams the rows, each as its values in column order (null for an empty cell), to the consumer it
     *        is given
     */
    static Path write(Path target, String[] headers, Consumer<Consumer<List<?>>> rows) throws IOException {
        return write(target, headers, rows, null);
    }

    /**
     * @param headers the header record, or null for none (rows written ahead for another file's tail)
     * @param tail a file of rows written ahead, appended as it is after the streamed rows (null: none)
     */
    static Path write(Path target, String[] headers, Consumer<Consumer<List<?>>> rows, Path tail)
            throws IOException {
        CSVFormat.Builder builder = CSVFormat.DEFAULT.builder().setRecordSeparator("\n");
        CSVFormat format = headers == null ? builder.get() : builder.setHeader(headers).get();
        try (OutputStream out = Files.newOutputStream(target);
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                CSVPrinter printer = new CSVPrinter(writer, format)) {
            rows.accept(row -> {
                List<Object> values = new ArrayList<>(row.size());
                for (Object value : row) {
                    values.add(value instanceof String text ? safeCell(text) : value);
                }
                try {
                    printer.printRecord(values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (tail != null) {
                printer.flush();
                Files.copy(tail, out);
            }
        }
        return target;
    }

    /**
     * OWASP's CSV-injection rule: a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
     * return gets a single quote in front, so a spreadsheet shows it as text instead of running it. A plain
     * negative number such as {@code -12.50} is kept as it is (a spreadsheet reads it as a number). Quotes inside
     * a cell are doubled and the cell quoted by the CSV printer.
     */
    static String safeCell(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formulaStart = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        if (!formulaStart || PLAIN_NEGATIVE_NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }
}
