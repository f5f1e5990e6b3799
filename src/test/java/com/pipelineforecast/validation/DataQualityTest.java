package com.pipelineforecast.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.report.ReportLimits;

/** The boundary of an incomplete night and the words of its banner. */
class DataQualityTest {

    private static RunCounts counts(long read, long rejected) {
        return new RunCounts(read, read - rejected, rejected, 0, Map.of(), Map.of());
    }

    @Test
    void exactlyTheLimitIsCompleteAndAnythingOverItIsNot() {
        assertThat(DataQualityAnalyzer.complete(counts(1000, 20), new BigDecimal("2"))).isTrue();
        assertThat(DataQualityAnalyzer.complete(counts(1000, 21), new BigDecimal("2"))).isFalse();
        assertThat(DataQualityAnalyzer.incomplete(counts(1000, 20), new BigDecimal("2"))).isNull();
    }

    @Test
    void theBannerNeverReadsAsTheLimitItself() {
        assertThat(DataQualityAnalyzer.incomplete(counts(2500, 51), new BigDecimal("2")))
                .isEqualTo("INCOMPLETE: 51 of 2,500 rows (2.1 %) rejected — see rejected.csv");
        assertThat(DataQualityAnalyzer.incomplete(counts(40, 4), new BigDecimal("2")))
                .isEqualTo("INCOMPLETE: 4 of 40 rows (10.0 %) rejected — see rejected.csv");
    }

    @Test
    void maxRejectedIsAPercentageWithOrWithoutItsSign() {
        assertThat(new ReportLimits(10, 100, "2.5%").maxRejectedPercent()).isEqualByComparingTo("2.5");
        assertThat(new ReportLimits(10, 100, " 0 ").maxRejectedPercent()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> new ReportLimits(10, 100, "abc").validate())
                .hasMessage("--max-rejected must be a percentage 0..100 (e.g. 2 or 2.5%), found 'abc'");
        assertThatThrownBy(() -> new ReportLimits(10, 100, "101").validate()).hasMessageContaining("found '101'");
    }

    @Test
    void yamlKeysAreQuotedOnlyWhenTheyMustBe() {
        assertThat(DataQualityAnalyzer.yamlKey("Proposal/Quote")).isEqualTo("Proposal/Quote");
        assertThat(DataQualityAnalyzer.yamlKey("Id. Decision Makers")).isEqualTo("Id. Decision Makers");
        assertThat(DataQualityAnalyzer.yamlKey("Stage: 5")).isEqualTo("\"Stage: 5\"");
        assertThat(DataQualityAnalyzer.yamlKey("#1 \"hot\"")).isEqualTo("\"#1 \\\"hot\\\"\"");
    }
}
