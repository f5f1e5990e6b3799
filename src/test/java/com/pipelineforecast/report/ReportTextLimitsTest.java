package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Texts from the input as the PDF and the workbook can show them. */
class ReportTextLimitsTest {

    @Test
    void pdfShowsBidiControlsInsteadOfObeyingThem() {
        assertThat(PdfTables.shown("Acme \u202Egnp.exe")).isEqualTo("Acme <U+202E>gnp.exe");
        assertThat(PdfTables.shown("\u2066a\u2069 \u200F\u061C")).isEqualTo("<U+2066>a<U+2069> <U+200F><U+061C>");
        assertThat(PdfTables.shown("Müller 王伟 สมชาย")).isEqualTo("Müller 王伟 สมชาย");
    }

    @Test
    void pdfCutsLongTextsTo200Characters() {
        assertThat(PdfTables.shown("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(PdfTables.shown("x".repeat(32_767))).isEqualTo("x".repeat(200) + "…");
        // characters, not UTF-16 units: a name in a supplementary plane is not cut in half
        assertThat(PdfTables.shown("𠀀".repeat(300))).isEqualTo("𠀀".repeat(200) + "…");
    }

    @Test
    void workbookCellsHoldAtMostExcelsLimit() {
        assertThat(CellWriter.fitted("y".repeat(32_767))).hasSize(32_767);
        String cut = CellWriter.fitted("y".repeat(40_000));
        assertThat(cut).hasSize(32_767).endsWith("y…");
        assertThat(CellWriter.fitted("a" + "𠀀".repeat(20_000))).hasSizeLessThanOrEqualTo(32_767).endsWith("…")
                .doesNotContain("\uFFFD");
    }
}
