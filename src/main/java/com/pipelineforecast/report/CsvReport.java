package com.pipelineforecast.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.RowCallbackHandler;

/** Writes a CSV report (UTF-8, LF) from streamed rows, one column per result-set column, without holding them. */
final class CsvReport {

    private CsvReport() {
    }

    static Path write(Path target, String[] headers, Consumer<RowCallbackHandler> rows) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(headers).setRecordSeparator("\n").get();
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, format)) {
            rows.accept((ResultSet rs) -> {
                List<Object> values = new ArrayList<>(headers.length);
                for (int i = 1; i <= headers.length; i++) {
                    values.add(rs.getObject(i));
                }
                try {
                    printer.printRecord(values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
