package com.pipelineforecast.history;

/** A group of rows (by a value, and the stage they were counted at where there is one) and how many rows it has. */
public record RowGroup(String value, String stage, long rows) {
}
