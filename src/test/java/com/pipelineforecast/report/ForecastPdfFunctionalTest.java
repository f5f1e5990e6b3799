package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.benchmark.SyntheticExport;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** forecast.pdf of the sample export read back with PDFBox: its figures against run.json, its fonts, its names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastPdfFunctionalTest extends JobTestSupport {

    private RunJson runJson;
    private String text;
    private int pages;
    private final List<PDFont> fonts = new ArrayList<>();

    @BeforeAll
    void runOnTheSample() throws IOException {
        // two nights, so that the movement page has something to show
        run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2025-09-29", 100));
        RunOutcome outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2025-09-30", 100));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        runJson = RunJson.read(outcome.reportFolder());
        try (PDDocument pdf = Loader.loadPDF(outcome.reportFolder().resolve("forecast.pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
            pages = pdf.getNumberOfPages();
            for (PDPage page : pdf.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
            }
        }
    }

    @Test
    void keyFiguresEqualRunJson() {
        for (String total : List.of("openAmount", "weightedAsReported", "weightedChecklistAdjusted", "closedWon")) {
            assertThat(text).as(total).contains(grouped(runJson.total(total)));
        }
        BigDecimal gap = runJson.total("weightedAsReported").subtract(runJson.total("weightedChecklistAdjusted"));
        assertThat(text).contains("Gap the checklists do not support " + grouped(gap));
        JsonNode call = runJson.root().path("quarterCall");
        String quarter = call.path("quarter").asText();
        assertThat(quarter).isEqualTo(runJson.root().path("currentQuarter").asText());
        assertThat(text).contains("Closed won, " + quarter + " " + grouped(new BigDecimal(call.path("closedWon").asText())))
                .contains("Commit, " + quarter + " (open deals closing in the quarter) "
                        + grouped(new BigDecimal(call.path("commit").asText())))
                .contains("Best case, " + quarter + " " + grouped(new BigDecimal(call.path("bestCase").asText())))
                .contains("Closed + commit, " + quarter + " " + grouped(new BigDecimal(call.path("closedPlusCommit")
                        .asText())));
    }

    @Test
    void everyTableCarriesTheFiguresOfRunJson() {
        for (JsonNode stage : runJson.root().path("byStage")) {
            assertThat(text).as(stage.path("stage").asText()).contains(String.format("%,d %s",
                    stage.path("deals").asLong(), grouped(new BigDecimal(stage.path("amount").asText()))));
        }
        for (JsonNode owner : runJson.root().path("owners")) {
            assertThat(text).contains(owner.path("owner").asText() + " " + String.format("%,d",
                    owner.path("openDeals").asLong()) + " " + grouped(new BigDecimal(owner.path("openAmount").asText())));
        }
        JsonNode movement = runJson.root().path("movement");
        assertThat(text).contains("Weighted as reported went from "
                + grouped(new BigDecimal(movement.path("startWeighted").asText())) + " on 2025-09-29");
        JsonNode top = runJson.root().path("watchlists").path("topDeals");
        assertThat(top).hasSize(10);
        assertThat(text).contains(grouped(new BigDecimal(top.get(0).path("weighted").asText())));
        assertThat(text).contains("Top deals by weighted amount", "Checklist health", "At risk",
                "Movement since the previous run", "Forecast by close period", "Owners and teams");
    }

    @Test
    void thaiAndChineseNamesRenderAsTextInEmbeddedFonts() {
        assertThat(text).contains("สมชาย ใจดี", "王伟", "Jürgen Müller");
        assertThat(fonts).isNotEmpty().allSatisfy(font -> assertThat(font.isEmbedded()).as(font.getName()).isTrue());
        assertThat(fonts).extracting(PDFont::getName).anyMatch(n -> n.contains("NotoSansThai"))
                .anyMatch(n -> n.contains("DroidSansFallback"));
    }

    @Test
    void everyPageHasItsFooter() {
        for (int page = 1; page <= pages; page++) {
            assertThat(text).contains("Page " + page + " of " + pages);
        }
        assertThat(text.split("Rows read 324 = deals 318 \\+ rejected 6 \\(listed in rejected.csv\\)", -1))
                .hasSize(pages + 1);
    }

    @Test
    void aLargeRunStaysAFewPages() throws IOException {
        Path input = Files.createDirectories(work.resolve("pdf-large-input"));
        SyntheticExport.write(input.resolve("synthetic-deals.csv"), 20_000, LocalDate.parse("2025-10-15"));
        Files.writeString(input.resolve("fx-rates.csv"), com.pipelineforecast.benchmark.SyntheticExport.FX_RATES);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2025-10-15", 1000));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        try (PDDocument pdf = Loader.loadPDF(outcome.reportFolder().resolve("forecast.pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isBetween(pages - 2, pages + 3);
        }
    }

    private static String grouped(BigDecimal amount) {
        return String.format("%,.2f", amount);
    }
}
