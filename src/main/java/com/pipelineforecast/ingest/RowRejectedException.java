package com.pipelineforecast.ingest;

/** Thrown while interpreting a row that cannot be a deal; becomes a {@link RejectedRow}. */
public class RowRejectedException extends RuntimeException {

    private final String column;
    private final String value;

    public RowRejectedException(String column, String value, String reason) {
        super(reason, null, false, false);
        this.column = column;
        this.value = value;
    }

    public RejectedRow toRejectedRow(SourceRow row) {
        return new RejectedRow(row.file(), row.line(), column, value, getMessage());
    }
}
