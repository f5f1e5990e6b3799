package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Housekeeping around a night: ISO timestamps, the run's own run.log, --keep-reports, an unchanged input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingFunctionalTest extends JobTestSupport {

    private static final String ISO_LINE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}([+-]\\d{2}:\\d{2}|Z) .*";

    @Autowired
    private NightlyOperations operations;

    @Autowired
    private Environment environment;

    private Path reports;
    private Path input;
    private RunOutcome first;
    private RunOutcome second;
    private RunOutcome third;
    private RunOutcome again;
    private String secondLogBefore;

    @BeforeAll
    void threeNights() throws IOException {
        reports = reports();
        input = TestRuns.copyOfSample(work.resolve(getClass().getSimpleName()).resolve("input"));
        // what the reports folder held before: old and recent published folders, and things that are no report
        for (String folder : List.of("2032-11-30", "2032-12-10", "2032-12-11", "2032-12-31", "notes",
                "2032-13-01", "2032-11-01.bak", ".staging-2032-11-02-7")) {
            Files.createDirectories(reports.resolve(folder));
            Files.writeString(reports.resolve(folder).resolve("run.json"), "{}");
        }
        Files.writeString(reports.resolve("2032-11-03"), "a file named like a date");

        first = operations.run(TestRuns.options(input, reports, "2033-01-10", 100),
                OperationsOptions.DEFAULT.withKeepReports(30));
        second = operations.run(TestRuns.options(input, reports, "2033-01-11", 100), OperationsOptions.DEFAULT);
        secondLogBefore = Files.readString(second.reportFolder().resolve("run.log"));
        again = operations.run(TestRuns.options(input, reports, "2033-01-11", 100), OperationsOptions.DEFAULT);
        Files.writeString(input.resolve("sample-deals.csv"), "\n", StandardOpenOption.APPEND);
        third = operations.run(TestRuns.options(input, reports, "2033-01-12", 100), OperationsOptions.DEFAULT);
    }

    @Test
    void logLinesCarryTheIsoDateAndTime() {
        assertThat(environment.getProperty("logging.pattern.console")).startsWith("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}");
        assertThat(environment.getProperty("logging.pattern.file")).startsWith("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}");
    }

    @Test
    void eachRunWritesItsOwnLogIntoItsReportFolder() throws IOException {
        assertThat(first.exitCode()).isEqualTo(ExitCode.SUCCESS);
        List<String> lines = Files.readAllLines(first.reportFolder().resolve("run.log"), StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(ISO_LINE));
        assertThat(String.join("\n", lines)).contains("run 2033-01-10: starting", "published ",
                "run 2033-01-10 completed").doesNotContain("2033-01-11");
        assertThat(secondLogBefore).contains("run 2033-01-11: starting").doesNotContain("run 2033-01-10");
        assertThat(first.reportFolder()).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aDateFoundAlreadyCompleteKeepsTheLogOfTheRunThatPublishedIt() throws IOException {
        assertThat(again.message()).contains("already complete");
        assertThat(Files.readString(second.reportFolder().resolve("run.log"))).isEqualTo(secondLogBefore);
    }

    @Test
    void retentionRemovesOnlyDateFoldersOlderThanTheKeptDays() {
        // 2033-01-10 - 30 days = 2032-12-11: older date folders go, everything else stays
        assertThat(reports.resolve("2032-11-30")).doesNotExist();
        assertThat(reports.resolve("2032-12-10")).doesNotExist();
        assertThat(reports.resolve("2032-12-11")).isDirectory();
        assertThat(reports.resolve("2032-12-31")).isDirectory();
        assertThat(reports.resolve("notes")).isDirectory();
        assertThat(reports.resolve("2032-13-01")).isDirectory();
        assertThat(reports.resolve("2032-11-01.bak")).isDirectory();
        // a staging folder whose process is gone is removed at the next start (not by retention)
        assertThat(reports.resolve(".staging-2032-11-02-7")).doesNotExist();
        assertThat(reports.resolve("2032-11-03")).isRegularFile();
        assertThat(reports.resolve("2033-01-10")).isDirectory();
    }

    @Test
    void anInputEqualToThePreviousNightsIsFlagged() throws IOException {
        assertThat(RunJson.read(first.reportFolder()).root().path("inputUnchanged").asBoolean(true)).isFalse();
        assertThat(RunJson.read(second.reportFolder()).root().path("inputUnchanged").asBoolean(false)).isTrue();
        assertThat(secondLogBefore).containsPattern("WARN .*input unchanged: every export is byte for byte the one "
                + "of 2033-01-10");
        assertThat(third.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(RunJson.read(third.reportFolder()).root().path("inputUnchanged").asBoolean(true)).isFalse();
        assertThat(Files.readString(third.reportFolder().resolve("run.log"))).doesNotContain("input unchanged");
    }
}
