package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** The build compiled every template: a night loads them instead of compiling (about 1.5 s of CPU). */
    @Test
    void theBuildsCompiledTemplatesAreTheOnesLoaded() throws Exception {
        assertThat(ReportTemplates.precompiled()).isEqualTo(ReportTemplates.NAMES.size());
        Map<String, JasperReport> loaded = ReportTemplates.load();
        assertThat(loaded).containsOnlyKeys(ReportTemplates.NAMES);
        assertThat(loaded.get("forecast").getName()).isEqualTo("forecast");
        assertThat(loaded.get("forecast").getDefaultStyle().getFontName()).isEqualTo("Pipeline Noto Sans");
    }

    /** The build step writes a compiled file per template and the SHA-256 of the JRXML it came from. */
    @Test
    void theBuildStepRecordsWhatEachFileWasCompiledFrom(@TempDir Path target) throws Exception {
        Path source = Path.of("src/main/resources/reports");
        ReportTemplates.main(new String[] {source.toString(), target.toString()});
        Properties sources = new Properties();
        try (InputStream in = Files.newInputStream(target.resolve(ReportTemplates.SOURCES))) {
            sources.load(in);
        }
        for (String name : ReportTemplates.NAMES) {
            assertThat(target.resolve(name + ".jasper")).isNotEmptyFile();
            assertThat(sources.getProperty(name)).isEqualTo(Checksums.sha256(source.resolve(name + ".jrxml")));
        }
    }
}
