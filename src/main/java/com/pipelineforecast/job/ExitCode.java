package com.pipelineforecast.job;

/** Process exit codes, for schedulers and monitoring. */
public enum ExitCode {
    /** The run completed, or the date was already complete. */
    SUCCESS(0),
    /** The job failed; a restart with the same run date continues from the last committed chunk. */
    JOB_FAILED(1),
    /** Bad options or configuration (unknown option, bad date, unknown playbook, broken playbook file). */
    BAD_OPTIONS(2),
    /** An input cannot be used (missing file, missing required column, unreadable file). */
    INPUT_UNUSABLE(3),
    /** The run published, but rejected more rows than {@code --max-rejected} allows: its reports say so. */
    INCOMPLETE(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
