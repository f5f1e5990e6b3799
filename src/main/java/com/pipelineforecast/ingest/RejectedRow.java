package com.pipelineforecast.ingest;

/** A row that cannot be a deal, with where it is and why. */
public record RejectedRow(String file, int line, String column, String value, String reason) {
}
