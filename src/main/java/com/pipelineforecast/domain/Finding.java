package com.pipelineforecast.domain;

/** Something the checks noticed about a deal; {@code stage} and {@code item} are null when not about one. */
public record Finding(String code, Severity severity, String stage, String item, String message) {
}
