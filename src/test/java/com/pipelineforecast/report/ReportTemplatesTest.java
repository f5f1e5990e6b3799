package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;

/**
 * Every template of forecast.pdf compiles; its text style names the bundled font set (Thai and CJK glyphs), its
 * default style an embedded family of it.
 */
class ReportTemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"forecast", "figures", "calls", "rollup", "stages", "periods", "owners", "unevidenced", "missing-items",
        "deal-list", "slipped", "movement", "quotas"})
    void compilesAndUsesTheBundledFontSet(String name) throws Exception {
        try (InputStream in = ReportTemplatesTest.class.getResourceAsStream("/reports/" + name + ".jrxml")) {
            JasperReport report = JasperCompileManager.compileReport(in);
            assertThat(report.getDefaultStyle().getFontName()).isEqualTo("Pipeline Noto Sans");
            assertThat(report.getDefaultStyle().isPdfEmbedded()).isTrue();
            assertThat(java.util.Arrays.stream(report.getStyles()).filter(s -> s.getName().equals("Base")))
                    .singleElement().satisfies(base -> assertThat(base.getFontName()).isEqualTo("Pipeline Sans"));
        }
    }
}
