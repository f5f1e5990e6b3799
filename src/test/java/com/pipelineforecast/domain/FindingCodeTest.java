package com.pipelineforecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FindingCodeTest {

    @ParameterizedTest
    @EnumSource(FindingCode.class)
    void everyCodeReadsBackFromItsText(FindingCode code) {
        assertThat(FindingCode.parse(code.name())).isSameAs(code);
        assertThat(code.toString()).isEqualTo(code.name());
    }

    /** The texts the history, findings.csv and run.json already hold: a constant renamed would orphan them. */
    @Test
    void theCodesAreTheTextsTheOutputsHold() {
        assertThat(Arrays.stream(FindingCode.values()).map(FindingCode::name)).containsExactlyInAnyOrder(
                "AMOUNT_MISSING", "CLOSE_DATE_MISSING", "PLACEHOLDER_DATE", "STATUS_OVERRIDES_STAGE",
                "STATUS_STAGE_CONFLICT", "STATUS_NOT_READ", "STAGE_NOT_EVIDENCED", "RECOMMENDED_ITEM_MISSING",
                "LEAD_IN_PIPELINE", "PROBABILITY_MISMATCH", "CATEGORY_MISMATCH", "CLOSE_DATE_PASSED",
                "DUPLICATE_DEAL_ID", "DUPLICATE_DEAL", "CHECKLIST_NOT_EXPORTED", "TEXT_CUT");
    }

    @Test
    void aTextThatNamesNoCodeIsRefusedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> FindingCode.parse("STAGE_NOT_EVIDENCE"))
                .withMessage("not a finding code: STAGE_NOT_EVIDENCE");
        assertThatIllegalArgumentException().isThrownBy(() -> FindingCode.parse(null))
                .withMessage("not a finding code: null");
    }

    @Test
    void aFindingMadeWithoutSeverityHasItsCodes() {
        assertThat(new Finding(FindingCode.STAGE_NOT_EVIDENCED, "qualified", "agenda_sent", "m").severity())
                .isEqualTo(Severity.WARNING);
        assertThat(new Finding(FindingCode.RECOMMENDED_ITEM_MISSING, "discovery", null, "m").severity())
                .isEqualTo(Severity.INFO);
        assertThat(new Finding(FindingCode.TEXT_CUT, null, null, "m").severity()).isEqualTo(Severity.INFO);
        assertThat(new Finding(FindingCode.CLOSE_DATE_PASSED, Severity.INFO, null, null, "stored").severity())
                .isEqualTo(Severity.INFO);
    }
}
