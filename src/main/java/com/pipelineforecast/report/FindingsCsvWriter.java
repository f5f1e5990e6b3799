package com.pipelineforecast.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunHistory;

/** Writes {@code findings.csv}: every finding of every deal, in the order of the exports. */
@Component
public class FindingsCsvWriter {

    public static final String FILE_NAME = "findings.csv";

    private final RunHistory history;

    public FindingsCsvWriter(RunHistory history) {
        this.history = history;
    }

    public Path write(long runId, Path folder) throws IOException {
        Path target = folder.resolve(FILE_NAME);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader("file", "line", "deal_id", "code", "severity", "stage", "item", "message")
                .setRecordSeparator("\n").get();
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, format)) {
            history.forEachFinding(runId, rs -> {
                try {
                    printer.printRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
