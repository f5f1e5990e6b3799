package com.pipelineforecast.playbook;

/** How a checklist item is known to be done. */
public enum CheckKind {
    /** A yes-like word in the item's column, or the item's id in the checklist column. */
    MANUAL,
    /** A date on or before the run date in the item's column. */
    DATE,
    /** Evaluated by the job itself (for example duplicate detection). */
    AUTO
}
