package com.pipelineforecast.domain;

/** How much a finding matters to the forecast. */
public enum Severity {
    INFO, WARNING, ERROR
}
