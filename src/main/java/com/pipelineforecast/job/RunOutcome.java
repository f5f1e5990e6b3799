package com.pipelineforecast.job;

import java.nio.file.Path;

/** How a nightly run ended: its exit code, a one-line message, and the published folder when there is one. */
public record RunOutcome(ExitCode exitCode, String message, Path reportFolder, Long jobExecutionId) {

    static RunOutcome failure(ExitCode code, String message) {
        return new RunOutcome(code, message, null, null);
    }
}
