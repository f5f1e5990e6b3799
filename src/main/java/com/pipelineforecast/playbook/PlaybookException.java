package com.pipelineforecast.playbook;

/** A playbook that cannot be used; the message names the source, the line and the problem. */
public class PlaybookException extends RuntimeException {

    public PlaybookException(String message) {
        super(message);
    }
}
