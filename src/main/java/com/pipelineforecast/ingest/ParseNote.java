package com.pipelineforecast.ingest;

/** Something noticed while reading a deal's values that keeps the deal but is worth a finding. */
public record ParseNote(String code, String column, String value) {
}
