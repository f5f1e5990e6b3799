package com.pipelineforecast.domain;

/**
 * What a {@link Finding} is about. Its {@link #name()} is the code as every output and the history hold it
 * (findings.csv, run.json, the workbook, the PDF, {@code deal_finding.code}, the work files), so a constant is never
 * renamed; {@link #toString()} is the name too. Each code has the severity its findings are made with.
 */
public enum FindingCode {

    // reading the deal's values (ingest)
    /** The amount is blank: the deal is kept and counts as zero. */
    AMOUNT_MISSING(Severity.WARNING),
    /** An open deal without a close date: its period is unscheduled. */
    CLOSE_DATE_MISSING(Severity.WARNING),
    /** A date of year 1900 or before, or 3000 or after, stands for none: left empty. */
    PLACEHOLDER_DATE(Severity.WARNING),
    /** The status columns say won or lost whatever the stage reads. */
    STATUS_OVERRIDES_STAGE(Severity.WARNING),
    /** The status says open on a closed stage: counted open at the lowest stage the status supports. */
    STATUS_STAGE_CONFLICT(Severity.WARNING),
    /** The status columns hold no known status: the stage decides. */
    STATUS_NOT_READ(Severity.INFO),

    // the checklist
    /** A required checklist item of a stage before the claimed one is not done. */
    STAGE_NOT_EVIDENCED(Severity.WARNING),
    /** A recommended checklist item is not done (no effect on the evidenced stage). */
    RECOMMENDED_ITEM_MISSING(Severity.INFO),

    // the deal against itself and the run date
    /** A lead that carries an amount: leads are counted, never weighted. */
    LEAD_IN_PIPELINE(Severity.WARNING),
    /** The CRM's probability is further from the stage's than the margin allows. */
    PROBABILITY_MISMATCH(Severity.WARNING),
    /** The CRM's forecast category is not the stage's. */
    CATEGORY_MISMATCH(Severity.INFO),
    /** An open deal whose close date is before the run date. */
    CLOSE_DATE_PASSED(Severity.WARNING),

    // the duplicate check, after ingest
    /** The deal id is on more than one row. */
    DUPLICATE_DEAL_ID(Severity.WARNING),
    /** Same account and deal name as another deal id, tonight or in the history. */
    DUPLICATE_DEAL(Severity.WARNING),

    // run-level findings (no deal)
    /** A stage's checklist items that an export does not carry. */
    CHECKLIST_NOT_EXPORTED(Severity.INFO),
    /** Texts or columns the reports could not hold whole. */
    TEXT_CUT(Severity.INFO);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    /** The severity this code's findings are made with (a stored finding keeps the severity it was stored with). */
    public Severity severity() {
        return severity;
    }

    /**
     * The code a stored text names (the work files, {@code deal_finding.code}).
     *
     * @throws IllegalArgumentException naming the text when no code has that name
     */
    public static FindingCode parse(String text) {
        try {
            return valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a finding code: " + text, e);
        }
    }
}
