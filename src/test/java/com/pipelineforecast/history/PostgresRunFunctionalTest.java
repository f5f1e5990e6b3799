package com.pipelineforecast.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.NightlyRun;
import com.pipelineforecast.job.RunLock;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.IndependentForecast;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * The production profile against a real PostgreSQL server: {@code .ci/run} starts one and sets
 * {@code PIPELINE_TEST_POSTGRES_URL}; without it this test is skipped.
 */
@SpringBootTest
@ActiveProfiles("postgres")
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresRunFunctionalTest {

    @Autowired
    private NightlyRun nightlyRun;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DealStates dealStates;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("PIPELINE_TEST_POSTGRES_URL"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void aSecondRunOnTheSameDatabaseIsKeptOutWhileTheFirstHoldsTheRunLock() throws Exception {
        Path reports = Files.createTempDirectory("pipeline-postgres-lock");
        String runDate = "2026-10-15";
        // another process's run: a session holding the run lock, as a running job does
        try (Connection other = DriverManager.getConnection(System.getenv("PIPELINE_TEST_POSTGRES_URL"), "postgres",
                "")) {
            try (var statement = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                statement.setLong(1, RunLock.KEY);
                statement.execute();
            }
            RunOutcome kept = nightlyRun.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, runDate, 100));
            assertThat(kept.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
            assertThat(kept.message()).contains("another run is in progress");
            assertThat(Files.exists(reports.resolve(runDate))).isFalse();
        }
        // that session is gone (its process ended): the lock went with it
        RunOutcome outcome = nightlyRun.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, runDate, 100)
                .withRerun(true));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        assertThat(RunJson.read(outcome.reportFolder()).count("accepted")).isEqualTo(318);
    }

    @Test
    void sampleRunOnPostgresPublishesTheSameFiguresAndKeepsItsHistory() throws Exception {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        Path reports = Files.createTempDirectory("pipeline-postgres-reports");
        String runDate = "2026-11-22";
        RunOutcome outcome = nightlyRun.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, runDate, 100)
                .withRerun(true));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(outcome.reportFolder());
        IndependentForecast expected = IndependentForecast.of(TestRuns.SAMPLE_INPUT.resolve("sample-deals.csv"),
                LocalDate.parse(runDate));
        assertThat(runJson.count("read")).isEqualTo(324);
        assertThat(runJson.count("rejected")).isEqualTo(6);
        assertThat(runJson.total("weightedAsReported"))
                .isEqualTo(expected.sum(expected.weighted, IndependentForecast.openStages()));
        assertThat(runJson.total("weightedChecklistAdjusted"))
                .isEqualTo(expected.sum(expected.adjusted, IndependentForecast.openStages()));
        long runId = jdbc.queryForObject("SELECT MAX(run_id) FROM forecast_run WHERE run_date = DATE '2026-11-22' "
                + "AND status = 'PUBLISHED'", Long.class);
        List<DealStates.State> kept = com.pipelineforecast.support.JobTestSupport.keptDeals(dealStates, runId);
        assertThat(kept).hasSize(318);
        assertThat(kept.stream().map(DealStates.State::weight).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(runJson.total("weightedAsReported"));
        assertThat(kept.stream().filter(d -> d.id().equals("D-2026002")).findFirst().orElseThrow().dealName())
                .isEqualTo("深圳星辰 ERP项目 2027年2月19日");
        // the deals are kept in the state file, not in the database
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deal_snapshot WHERE run_id = ?", Long.class, runId))
                .isZero();

        RunOutcome again = nightlyRun.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, runDate, 100));
        assertThat(again.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(again.message()).contains("already complete");

        // the next night compares with this one: the movement merge and calibration run on PostgreSQL too
        RunOutcome next = nightlyRun.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2026-11-23", 100)
                .withRerun(true).withForecasting(1, "calibrated", 5));
        assertThat(next.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson nextJson = RunJson.read(next.reportFolder());
        JsonNode movement = nextJson.root().path("movement");
        assertThat(movement.path("previousRunDate").asText()).isEqualTo(runDate);
        BigDecimal start = new BigDecimal(movement.path("startWeighted").asText());
        BigDecimal end = new BigDecimal(movement.path("endWeighted").asText());
        assertThat(start).isEqualTo(runJson.total("weightedAsReported"));
        BigDecimal sum = BigDecimal.ZERO;
        long deals = 0;
        for (JsonNode bucket : movement.path("buckets")) {
            sum = sum.add(new BigDecimal(bucket.path("weightedChange").asText()));
            deals += bucket.path("deals").asLong();
        }
        assertThat(start.add(sum)).isEqualTo(end);
        assertThat(deals).isGreaterThanOrEqualTo(318);
        assertThat(nextJson.root().path("calibration").isArray()).isTrue();
    }
}
