package com.pipelineforecast.ingest;

/** An input that cannot be read at all (missing file, missing required column, unreadable encoding). */
public class InputUnusableException extends RuntimeException {

    public InputUnusableException(String message) {
        super(message);
    }

    public InputUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
