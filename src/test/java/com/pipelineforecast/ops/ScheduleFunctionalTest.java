package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.TestRuns;

/** The built-in schedule starting real nights, on a test clock, against the history. */
class ScheduleFunctionalTest extends JobTestSupport {

    @Autowired
    private NightlyOperations operations;

    @Autowired
    private RunStatus status;

    @Test
    void runsTheMissedNightOnceThenEachFiring() throws Exception {
        Path reports = reports();
        assertThat(operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-09-01", 100),
                OperationsOptions.DEFAULT).exitCode()).isEqualTo(ExitCode.SUCCESS);
        // the process was down from the 2nd to the 10th, and starts on the 10th at 09:00
        NightlyScheduleTest.TestClock clock = new NightlyScheduleTest.TestClock(Instant.parse("2033-09-10T09:00:00Z"),
                ZoneOffset.UTC);
        new NightlySchedule("0 0 2 * * *", ZoneOffset.UTC, clock, clock::set).run(status::lastCompleted,
                date -> operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date.toString(), 100),
                        OperationsOptions.DEFAULT), 1);

        assertThat(jdbc.queryForList("SELECT CAST(run_date AS VARCHAR(10)) || ' ' || status FROM forecast_run "
                + "WHERE run_date BETWEEN DATE '2033-09-01' AND DATE '2033-09-30' ORDER BY run_date, run_seq",
                String.class)).containsExactly("2033-09-01 PUBLISHED", "2033-09-10 PUBLISHED",
                        "2033-09-11 PUBLISHED");
        assertThat(reports.resolve("2033-09-11").resolve("run.json")).isRegularFile();
        assertThat(status.lastCompleted(LocalDate.parse("2033-09-30"))).contains(LocalDate.parse("2033-09-11"));
    }

    @Test
    void aBadExpressionOrAFixedRunDateIsABadOption() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(work.resolve("schedule-bad"));
        String database = "--pipeline.database=" + folder.resolve("data");
        assertThat(com.pipelineforecast.PipelineForecastLauncher.run(new String[] {"--schedule=every night",
            database})).isEqualTo(2);
        assertThat(com.pipelineforecast.PipelineForecastLauncher.run(new String[] {"--schedule=0 0 2 * * *",
            "--run-date=2033-09-20", database})).isEqualTo(2);
    }
}
