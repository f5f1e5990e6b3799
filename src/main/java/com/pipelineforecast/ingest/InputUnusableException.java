package com.pipelineforecast.ingest;

/** An input that cannot be read at all (missing file, missing required column, unreadable encoding). */
public class InputUnusableException extends RuntimeException {

    public InputUnusableException(String message) {
        super(message);
    }

    public InputUnusableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A reference file that failed while being read: the file and its deepest cause, in one line. */
    public static InputUnusableException cannotRead(Object file, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new InputUnusableException(file + ": cannot be read: " + (root.getMessage() != null
                ? root.getMessage() : root.getClass().getSimpleName()), e);
    }
}
