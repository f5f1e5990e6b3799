package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Public exports end to end, with their row counts reconciled. */
class RealExportsFunctionalTest extends JobTestSupport {

    /** Read from the shared data folder beside the project; its licence is unconfirmed, so it is never copied. */
    private static final Path MAVEN = Path.of("..", "shared", "data", "public", "maven-crm-sales-opportunities");

    @Test
    void mavenCrmPipelineReconcilesInIsoAndUsDateVariants() throws Exception {
        assumeTrue(Files.isRegularFile(MAVEN.resolve("sales_pipeline.csv")), "the shared Maven CRM data set is absent");
        Path mapping = resource("maven-crm/mapping.yml");
        Map<String, Object> expected = expectedMaven(MAVEN.resolve("sales_pipeline.csv"));

        RunJson iso = runMaven(MAVEN.resolve("sales_pipeline.csv"), mapping, "2017-12-31");
        RunJson us = runMaven(MAVEN.resolve("variants").resolve("sales_pipeline_us-dates.csv"), mapping, "2018-01-01");

        for (RunJson run : new RunJson[] {iso, us}) {
            assertThat(run.count("read")).isEqualTo(8_800);
            assertThat(run.count("accepted")).isEqualTo(8_800);
            assertThat(run.count("rejected")).isZero();
            assertThat(run.stage("closed_won").path("deals").asLong()).isEqualTo(4_238);
            assertThat(run.stage("closed_lost").path("deals").asLong()).isEqualTo(2_473);
            assertThat(run.stage("qualified").path("deals").asLong()).isEqualTo(1_589);
            assertThat(run.stage("prospect").path("deals").asLong()).isEqualTo(500);
            assertThat(run.total("closedWon")).isEqualTo(expected.get("won"));
            // open deals of this data set carry no amount: each is kept with a finding, counted as zero
            assertThat(run.root().path("findings").path("AMOUNT_MISSING").asLong()).isEqualTo(500 + 1_589);
        }
        assertThat(us.root().path("totals")).isEqualTo(iso.root().path("totals"));
        assertThat(us.root().path("byStage")).isEqualTo(iso.root().path("byStage"));
    }

    @Test
    void salesforceApiExportMapsOntoTheDefaultPlaybook() throws Exception {
        Path input = Files.createDirectories(work.resolve("salesforce-six-stage"));
        Files.copy(resource("salesforce/Opportunity.csv"), input.resolve("Opportunity.csv"));
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2024-01-23", 20)
                .withMapping(resource("salesforce/mapping.yml").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.count("read")).isEqualTo(50);
        assertThat(run.count("accepted")).isEqualTo(50);
        assertThat(run.stage("proposed").path("deals").asLong()).isEqualTo(8 + 9);
        assertThat(run.stage("qualified").path("deals").asLong()).isEqualTo(9);
        assertThat(run.stage("discovery").path("deals").asLong()).isEqualTo(9);
        assertThat(run.stage("closed_won").path("deals").asLong()).isEqualTo(12);
        assertThat(run.stage("closed_lost").path("deals").asLong()).isEqualTo(3);
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode stage : run.root().path("byStage")) {
            total = total.add(new BigDecimal(stage.path("amount").asText()));
        }
        assertThat(total).isEqualTo(sumColumn(input.resolve("Opportunity.csv"), "Amount"));
    }

    private RunJson runMaven(Path file, Path mapping, String runDate) throws IOException {
        Path input = Files.createDirectories(work.resolve("maven-" + runDate));
        Files.copy(file, input.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RunOutcome outcome = run(TestRuns.options(input, reports(), runDate, 1000).withMapping(mapping.toString()));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        // no open deal has a close date before the run date: the past-due total is blank, never the word "null"
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
                outcome.reportFolder().resolve("forecast.pdf").toFile())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).doesNotContainPattern("\\bnull\\b");
        }
        return RunJson.read(outcome.reportFolder());
    }

    private static Map<String, Object> expectedMaven(Path csv) throws IOException {
        BigDecimal won = BigDecimal.ZERO.setScale(2);
        try (Reader reader = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (r.get("deal_stage").equals("Won")) {
                    won = won.add(new BigDecimal(r.get("close_value")));
                }
            }
        }
        Map<String, Object> expected = new HashMap<>();
        expected.put("won", won);
        return expected;
    }

    private static BigDecimal sumColumn(Path csv, String column) throws IOException {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        try (Reader reader = Files.newBufferedReader(csv)) {
            reader.read(); // the byte-order mark
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                sum = sum.add(new BigDecimal(r.get(column)));
            }
        }
        return sum;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RealExportsFunctionalTest.class.getClassLoader().getResource(name).toURI());
    }
}
