package com.pipelineforecast.history;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.SourceRow;

/**
 * What became of one row read: a deal (with the row it was read from, for the export's other columns), a
 * rejected row, or a skipped line (a title or footer line of the export, recorded but not a row: only
 * {@code row} is set).
 */
public record IngestOutcome(long runId, Deal deal, RejectedRow rejected, SourceRow row) {

    public static IngestOutcome accepted(long runId, Deal deal, SourceRow row) {
        return new IngestOutcome(runId, deal, null, row);
    }

    public static IngestOutcome rejected(long runId, RejectedRow rejected) {
        return new IngestOutcome(runId, null, rejected, null);
    }

    public static IngestOutcome skipped(long runId, SourceRow row) {
        return new IngestOutcome(runId, null, null, row);
    }
}
