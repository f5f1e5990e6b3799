package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** A run killed mid-ingest restarts where it stopped; a completed date is not recomputed without --rerun. */
@ActiveProfiles("failing-writer")
@Import(FailingWriterConfiguration.class)
class RestartAndRerunFunctionalTest extends JobTestSupport {

    @Autowired
    private JobRepository jobRepository;

    @Test
    void failedRunRestartsFromItsLastCommittedChunkWithTheSameTotals() throws Exception {
        Path reports = reports();
        FailingWriterConfiguration.armAfter(120);
        RunOutcome failed = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2026-10-02", 50));
        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(failed.message()).contains("injected failure after 150 rows", "same --run-date");
        // chunks of 50: rows 1..100 committed, the chunk 101..150 rolled back with the failure
        assertThat(committedRows("2026-10-02")).isEqualTo(100);
        assertThat(rejectedRows("2026-10-02")).isPositive();
        assertThat(reports.resolve("2026-10-02")).doesNotExist();
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith(".staging"));

        RunOutcome restarted = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2026-10-02", 50));
        assertThat(restarted.exitCode()).isEqualTo(ExitCode.SUCCESS);
        JobExecution execution = jobRepository.getJobExecution(restarted.jobExecutionId());
        assertThat(execution.getJobInstanceId()).isEqualTo(jobRepository.getJobExecution(failed.jobExecutionId())
                .getJobInstanceId());
        long readAfterRestart = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("ingestFile")).mapToLong(s -> s.getReadCount()).sum();
        assertThat(readAfterRestart).isEqualTo(324 - 100);

        RunJson actual = RunJson.read(restarted.reportFolder());
        RunOutcome clean = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2026-10-02", 50).withRerun(true));
        assertThat(clean.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson expected = RunJson.read(clean.reportFolder());
        assertThat(actual.count("read")).isEqualTo(324);
        assertThat(actual.count("accepted")).isEqualTo(expected.count("accepted"));
        assertThat(actual.count("rejected")).isEqualTo(expected.count("rejected"));
        assertThat(actual.root().path("totals")).isEqualTo(expected.root().path("totals"));
        assertThat(actual.root().path("byStage")).isEqualTo(expected.root().path("byStage"));
        long restartedRun = execution.getJobInstanceId();
        List<DealStates.State> kept = keptDeals(dealStates, restartedRun);
        assertThat(kept).hasSize((int) expected.count("accepted"));
        assertThat(kept.stream().map(d -> d.file() + "|" + d.id()).distinct().count())
                .isEqualTo(expected.count("accepted"));
    }

    @Test
    void completedDateIsNotRecomputedWithoutRerun() throws Exception {
        Path reports = reports();
        String date = "2026-10-05";
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        assertThat(first.exitCode()).isEqualTo(ExitCode.SUCCESS);
        Path manifest = first.reportFolder().resolve("run.json");
        String firstManifest = Files.readString(manifest);

        RunOutcome again = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        assertThat(again.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(again.message()).contains("already complete", "--rerun");
        assertThat(again.jobExecutionId()).isEqualTo(first.jobExecutionId());
        assertThat(Files.readString(manifest)).isEqualTo(firstManifest);
        assertThat(instances(date)).isEqualTo(1);

        RunOutcome rerun = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500).withRerun(true));
        assertThat(rerun.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(rerun.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
        assertThat(instances(date)).isEqualTo(2);
        JobExecution execution = jobRepository.getJobExecution(rerun.jobExecutionId());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getJobParameters().getLong("run")).isEqualTo(2L);
        RunJson replaced = RunJson.read(rerun.reportFolder());
        assertThat(replaced.root().path("totals")).isEqualTo(RunJson.read(first.reportFolder()).root().path("totals"));
        assertThat(Files.readString(manifest)).isNotEqualTo(firstManifest);
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void rerunThatFailsLeavesThePublishedReportsAsTheyWere() throws Exception {
        Path reports = reports();
        String date = "2026-10-07";
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 100));
        String published = Files.readString(first.reportFolder().resolve("run.json"));
        byte[] pdf = Files.readAllBytes(first.reportFolder().resolve("forecast.pdf"));

        FailingWriterConfiguration.armAfter(150);
        RunOutcome failed = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 100).withRerun(true));

        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(Files.readString(first.reportFolder().resolve("run.json"))).isEqualTo(published);
        assertThat(Files.readAllBytes(first.reportFolder().resolve("forecast.pdf"))).isEqualTo(pdf);
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    private long instances(String date) {
        long count = 0;
        while (jobRepository.getJobInstance(PipelineForecastJobConfiguration.JOB_NAME,
                RunSettings.identifying(LocalDate.parse(date), count + 1)) != null) {
            count++;
        }
        return count;
    }

    private long rejectedRows(String runDate) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM rejected_row s JOIN forecast_run r ON r.run_id = s.run_id "
                + "WHERE r.run_date = CAST(? AS DATE)", Long.class, runDate);
    }

}
