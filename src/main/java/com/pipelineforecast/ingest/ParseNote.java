package com.pipelineforecast.ingest;

import com.pipelineforecast.domain.FindingCode;

/** Something noticed while reading a deal's values that keeps the deal but is worth a finding. */
public record ParseNote(FindingCode code, String column, String value) {
}
