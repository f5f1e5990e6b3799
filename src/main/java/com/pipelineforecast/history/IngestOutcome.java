package com.pipelineforecast.history;

import java.time.LocalDate;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.SourceRow;

/**
 * What became of one row read: a deal (with the row it was read from, for the export's other columns), a
 * rejected row, or a skipped line (a title or footer line of the export, recorded but not a row: only
 * {@code row} is set).
 */
public record IngestOutcome(long runId, LocalDate runDate, Deal deal, RejectedRow rejected, SourceRow row) {

    public static IngestOutcome accepted(long runId, LocalDate runDate, Deal deal, SourceRow row) {
        return new IngestOutcome(runId, runDate, deal, null, row);
    }

    public static IngestOutcome rejected(long runId, LocalDate runDate, RejectedRow rejected) {
        return new IngestOutcome(runId, runDate, null, rejected, null);
    }

    public static IngestOutcome skipped(long runId, LocalDate runDate, SourceRow row) {
        return new IngestOutcome(runId, runDate, null, null, row);
    }
}
