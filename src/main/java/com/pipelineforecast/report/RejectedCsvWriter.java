package com.pipelineforecast.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunHistory;

/** Writes {@code rejected.csv}: file, line, column, value and reason of every row that is not a deal. */
@Component
public class RejectedCsvWriter {

    public static final String FILE_NAME = "rejected.csv";

    private final RunHistory history;

    public RejectedCsvWriter(RunHistory history) {
        this.history = history;
    }

    public Path write(long runId, Path folder) throws IOException {
        return CsvReport.write(folder.resolve(FILE_NAME), new String[] {"file", "line", "column", "value", "reason"},
                rows -> history.forEachRejected(runId, r -> rows.accept(Arrays.asList(r.file(), r.line(), r.column(),
                        r.value(), r.reason()))));
    }
}
