package com.pipelineforecast.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

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
        return CsvReport.write(folder.resolve(FILE_NAME),
                new String[] {"file", "line", "deal_id", "code", "severity", "stage", "item", "message"},
                rows -> history.forEachFinding(runId, f -> rows.accept(Arrays.asList(f.file(), f.line(), f.dealId(),
                        f.code(), f.severity(), f.stage(), f.item(), f.message()))));
    }
}
