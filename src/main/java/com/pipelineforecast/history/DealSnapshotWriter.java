package com.pipelineforecast.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.SourceRow;
import com.pipelineforecast.ingest.TextLimits;

/**
 * Writes what a chunk of outcomes leaves in the database: rejected rows, skipped lines and, once per export, the
 * header of its other columns. The deals themselves go to the run's work folder ({@link DealRecords}, written
 * with the chunk's commit). Runs in the chunk's transaction, so the rows and the reader's position commit together.
 */
public class DealSnapshotWriter {

    private static final String CREATE_REJECTED = """
            INSERT INTO rejected_row (run_id, file_name, line_no, column_name, raw_value, reason)
            VALUES (?,?,?,?,?,?)
            """;
    private static final String CREATE_SKIPPED = """
            INSERT INTO skipped_line (run_id, file_name, line_no, reason, content) VALUES (?,?,?,?,?)
            """;
    private final JdbcTemplate jdbc;
    private final ExportColumnsRepository exportColumns;
    private final java.util.Set<String> exportColumnsRecorded = ConcurrentHashMap.newKeySet();

    public DealSnapshotWriter(JdbcTemplate jdbc, ExportColumnsRepository exportColumns) {
        this.jdbc = jdbc;
        this.exportColumns = exportColumns;
    }

    /** Writes what the chunk leaves in the database. */
    public void write(Chunk<? extends IngestOutcome> chunk) {
        List<IngestOutcome> deals = new ArrayList<>(chunk.size());
        List<Object[]> rejected = new ArrayList<>();
        List<Object[]> skipped = new ArrayList<>();
        for (IngestOutcome outcome : chunk) {
            if (outcome.deal() != null) {
                deals.add(outcome);
            } else if (outcome.rejected() != null) {
                RejectedRow r = outcome.rejected();
                rejected.add(new Object[] {outcome.runId(), r.file(), r.line(), r.column(), r.value(), r.reasonText()});
            } else {
                SourceRow s = outcome.row();
                skipped.add(new Object[] {outcome.runId(), s.file(), s.line(), s.skipReason(),
                        TextLimits.cut(s.text(), TextLimits.FIELD - 64)});
            }
        }
        recordExportColumns(deals);
        if (!rejected.isEmpty()) {
            jdbc.batchUpdate(CREATE_REJECTED, rejected);
        }
        if (!skipped.isEmpty()) {
            jdbc.batchUpdate(CREATE_SKIPPED, skipped);
        }
    }

    /** The header of each file's export columns, once per file and run (the deal rows hold only the values). */
    private void recordExportColumns(List<IngestOutcome> deals) {
        for (IngestOutcome outcome : deals) {
            SourceRow row = outcome.row();
            if (row == null || !exportColumnsRecorded.add(outcome.runId() + "|" + row.file())) {
                continue;
            }
            exportColumns.recordOnce(outcome.runId(), row.file(), row.header().exportHeaders());
        }
    }
}
