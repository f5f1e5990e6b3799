package com.pipelineforecast.history;

import com.pipelineforecast.forecast.Deal;
import com.pipelineforecast.ingest.RejectedRow;

/** What became of one row read: exactly one of {@code deal} and {@code rejected} is set. */
public record IngestOutcome(long runId, Deal deal, RejectedRow rejected) {

    public static IngestOutcome accepted(long runId, Deal deal) {
        return new IngestOutcome(runId, deal, null);
    }

    public static IngestOutcome rejected(long runId, RejectedRow rejected) {
        return new IngestOutcome(runId, null, rejected);
    }
}
