package com.pipelineforecast.playbook;

/** Whether a stage closes the deal. */
public enum Outcome {
    OPEN, WON, LOST
}
