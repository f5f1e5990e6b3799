package com.pipelineforecast.ingest;

import com.pipelineforecast.domain.RejectionReason;

/**
 * Thrown while interpreting a row that cannot be a deal; becomes a {@link RejectedRow}. Its message is the reason as
 * written ({@code CODE: detail}).
 */
public class RowRejectedException extends RuntimeException {

    private final String column;
    private final String value;
    private final RejectionReason reason;
    private final String detail;

    public RowRejectedException(String column, String value, RejectionReason reason, String detail) {
        super(reason.text(detail), null, false, false);
        this.column = column;
        this.value = value;
        this.reason = reason;
        this.detail = detail;
    }

    public RejectedRow toRejectedRow(SourceRow row) {
        return new RejectedRow(row.file(), row.line(), column, value, reason, detail);
    }
}
