package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.pipelineforecast.domain.RejectionReason;

class RejectedRowTest {

    @Test
    void aShortRowIsKeptAsItIs() {
        RejectedRow row = new RejectedRow("deals.csv", 7, "Stage", "Verhandlung", RejectionReason.UNKNOWN_STAGE,
                "not a stage");
        RejectedRow cut = row.cut(TextLimits.REJECTED_VALUE);
        assertThat(cut).isEqualTo(row);
        assertThat(cut.reasonText()).isEqualTo("UNKNOWN_STAGE: not a stage");
    }

    /** The reason text is cut as a whole, as it was when it was one string: the code stays, the detail is cut. */
    @Test
    void aLongReasonIsCutAsTheWholeTextWouldBe() {
        String detail = "x".repeat(2_000);
        RejectedRow row = new RejectedRow("deals.csv", 7, "C".repeat(1_500), "v", RejectionReason.BAD_DATE, detail);
        RejectedRow cut = row.cut(1_000);
        assertThat(cut.reason()).isEqualTo(RejectionReason.BAD_DATE);
        assertThat(cut.reasonText()).isEqualTo(TextLimits.cut("BAD_DATE: " + detail, 1_000))
                .isEqualTo("BAD_DATE: " + "x".repeat(990) + "… (2010 characters)");
        assertThat(cut.column()).isEqualTo("C".repeat(1_000) + "… (1500 characters)");
        assertThat(cut.value()).isEqualTo("v");
    }
}
