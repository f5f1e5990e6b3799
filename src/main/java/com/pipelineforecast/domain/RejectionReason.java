package com.pipelineforecast.domain;

/**
 * Why a row cannot be a deal. A rejected row's reason is written {@code CODE: detail} ({@link #text}) in
 * rejected.csv, the Rejected sheet, the history ({@code rejected_row.reason}) and the messages; run.json counts the
 * rows per code. Its {@link #name()} is that code, so a constant is never renamed.
 */
public enum RejectionReason {

    /** The row has no deal id. */
    NO_DEAL_ID,
    /** The row has no stage. */
    NO_STAGE,
    /** The stage is no stage, name or alias of the playbook nor a known CRM stage name. */
    UNKNOWN_STAGE,
    /** The amount cannot be read, or is too large (as written or once converted). */
    BAD_AMOUNT,
    /** The currency is neither an ISO 4217 code nor a currency name. */
    BAD_CURRENCY,
    /** The amount names one currency and the currency column another. */
    CURRENCY_CONFLICT,
    /** No exchange rate from the deal's currency to the reporting currency. */
    NO_FX_RATE,
    /** A date cannot be read. */
    BAD_DATE,
    /** The CRM probability cannot be read, or is outside 0..100 %. */
    BAD_PROBABILITY,
    /** A checklist cell is neither a yes/no word nor a date. */
    BAD_CHECKLIST_VALUE,
    /** A field is longer than the history can hold. */
    FIELD_TOO_LONG;

    /** The reason as it is written: {@code CODE: detail}. */
    public String text(String detail) {
        return name() + ": " + detail;
    }
}
