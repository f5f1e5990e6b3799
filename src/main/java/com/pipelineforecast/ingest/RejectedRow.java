package com.pipelineforecast.ingest;

import com.pipelineforecast.domain.RejectionReason;

/** A row that cannot be a deal, with where it is and why: the reason's code and what it says of the row. */
public record RejectedRow(String file, int line, String column, String value, RejectionReason reason,
        String detail) {

    /** The reason as rejected.csv and the history write it: {@code CODE: detail}. */
    public String reasonText() {
        return reason.text(detail);
    }

    /**
     * The row with its column, value and reason text each cut to {@code limit} characters as {@link TextLimits#cut}
     * cuts them; of the reason text, the code stays whole and the detail is cut.
     */
    public RejectedRow cut(int limit) {
        String text = reasonText();
        String cutDetail = text.length() <= limit ? detail
                : TextLimits.cut(text, limit).substring(reason.text("").length());
        return new RejectedRow(file, line, TextLimits.cut(column, limit), TextLimits.cut(value, limit), reason,
                cutDetail);
    }
}
