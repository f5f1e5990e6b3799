package com.pipelineforecast.domain;

/**
 * Something the checks noticed about a deal; {@code stage} and {@code item} are null when not about one. The
 * severity is the code's ({@link FindingCode#severity()}) when the finding is made; one read back from the history
 * keeps the severity it was stored with.
 */
public record Finding(FindingCode code, Severity severity, String stage, String item, String message) {

    /** A finding with its code's severity. */
    public Finding(FindingCode code, String stage, String item, String message) {
        this(code, code.severity(), stage, item, message);
    }
}
