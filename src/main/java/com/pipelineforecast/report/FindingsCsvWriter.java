package com.pipelineforecast.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.pipelineforecast.history.DealFindingRepository.FindingLine;
import com.pipelineforecast.history.RunHistory;

/**
 * Writes {@code findings.csv}: the run-level findings, then every finding of every deal in the order of the
 * exports. The deals' findings can be written first, while the other reports render ({@link #writeDealFindings}):
 * the run-level ones are known only once the PDF and the workbook have counted what they cut.
 */
@Component
public class FindingsCsvWriter {

    public static final String FILE_NAME = "findings.csv";
    /** The deals' findings written ahead, in the staging folder until {@link #write} puts them in place. */
    static final String DEAL_FINDINGS_PART = ".findings-of-deals.part";
    private static final String[] HEADERS = {"file", "line", "deal_id", "code", "severity", "stage", "item",
        "message"};

    private final RunHistory history;

    public FindingsCsvWriter(RunHistory history) {
        this.history = history;
    }

    /** Writes the findings of the run's deals ahead, without header, for {@link #write} to append. */
    public Path writeDealFindings(long runId, Path folder) throws IOException {
        return CsvReport.write(folder.resolve(DEAL_FINDINGS_PART), null,
                rows -> history.forEachDealFinding(runId, f -> rows.accept(values(f))));
    }

    /**
     * Writes findings.csv: the header and the run-level findings, then the deals' findings, from the part written
     * ahead when there is one (which is then removed), else read now.
     */
    public Path write(long runId, Path folder) throws IOException {
        Path part = folder.resolve(DEAL_FINDINGS_PART);
        boolean ahead = Files.isRegularFile(part);
        Consumer<Consumer<List<?>>> rows = sink -> {
            if (ahead) {
                history.forEachRunFinding(runId, f -> sink.accept(values(f)));
            } else {
                history.forEachFinding(runId, f -> sink.accept(values(f)));
            }
        };
        Path target = CsvReport.write(folder.resolve(FILE_NAME), HEADERS, rows, ahead ? part : null);
        Files.deleteIfExists(part);
        return target;
    }

    private static List<?> values(FindingLine f) {
        return Arrays.asList(f.file(), f.line(), f.dealId(), f.code(), f.severity(), f.stage(), f.item(),
                f.message());
    }
}
