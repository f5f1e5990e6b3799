package com.pipelineforecast.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RejectionReasonTest {

    @Test
    void theReasonIsWrittenAsCodeColonDetail() {
        assertThat(RejectionReason.NO_DEAL_ID.text("the row has no deal id"))
                .isEqualTo("NO_DEAL_ID: the row has no deal id");
        assertThat(RejectionReason.BAD_CHECKLIST_VALUE.text("expected a yes/no word or the date it was done"))
                .isEqualTo("BAD_CHECKLIST_VALUE: expected a yes/no word or the date it was done");
        assertThat(RejectionReason.NO_FX_RATE.text("")).isEqualTo("NO_FX_RATE: ");
    }

    /** The codes rejected.csv, run.json and the history already hold: a constant renamed would orphan them. */
    @Test
    void theCodesAreTheTextsTheOutputsHold() {
        assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::name)).containsExactlyInAnyOrder(
                "NO_DEAL_ID", "NO_STAGE", "UNKNOWN_STAGE", "BAD_AMOUNT", "BAD_CURRENCY", "CURRENCY_CONFLICT",
                "NO_FX_RATE", "BAD_DATE", "BAD_PROBABILITY", "BAD_CHECKLIST_VALUE", "FIELD_TOO_LONG");
    }
}
