package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import com.pipelineforecast.report.Checksums;
import com.pipelineforecast.report.ReportPublisher;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * A crash at any instant restarts clean: the job repository commits durably, publish is idempotent, staging
 * folders are unique per attempt and process, and what a killed attempt left behind is removed by the next start.
 */
class DurablePublishFunctionalTest extends JobTestSupport {

    private static final List<String> FILES = List.of("forecast.pdf", "pipeline.xlsx", "rejected.csv",
            "findings.csv", "run.json");

    @Autowired
    private JobRepository jobRepository;

    @Autowired
    private ReportPublisher publisher;

    @Test
    void embeddedDatabaseCommitsWithoutWriteDelay() {
        List<String> delay = jdbc.queryForList("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES "
                + "WHERE PROPERTY_NAME = 'hsqldb.write_delay'", String.class);
        assertThat(delay).containsExactly("false");
    }

    @Test
    void restartAfterAPublicationWhoseCompletionWasLostCompletesWithoutRedoingIt() throws IOException {
        Path reports = reports().resolve("lost-completion");
        String date = "2031-02-02";
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        assertThat(first.exitCode()).isEqualTo(ExitCode.SUCCESS);
        byte[] manifest = Files.readAllBytes(first.reportFolder().resolve("run.json"));
        byte[] pdf = Files.readAllBytes(first.reportFolder().resolve("forecast.pdf"));
        // killed after the move: the history still says publish is running, the run is not recorded as published
        loseCompletion(first.jobExecutionId(), "publish");
        Path orphan = Files.createDirectories(reports.resolve(".staging-" + date + "-0"));
        Files.writeString(orphan.resolve("forecast.pdf"), "half");

        RunOutcome restarted = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));

        assertThat(restarted.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(restarted.message()).isEqualTo("run " + date + " completed: " + first.reportFolder());
        assertThat(Files.readAllBytes(first.reportFolder().resolve("run.json"))).isEqualTo(manifest);
        assertThat(Files.readAllBytes(first.reportFolder().resolve("forecast.pdf"))).isEqualTo(pdf);
        assertThat(runStatus(date)).isEqualTo("PUBLISHED");
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
        RunOutcome again = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        assertThat(again.message()).contains("already complete");
    }

    @Test
    void restartWhoseStagingFolderIsGoneRendersAgain() throws IOException {
        Path reports = reports().resolve("staging-gone");
        String date = "2031-02-03";
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        RunJson expected = RunJson.read(first.reportFolder());
        // killed after render, before the move: nothing published, and the staging folder removed as an orphan
        loseCompletion(first.jobExecutionId(), "publish");
        deleteTree(first.reportFolder());

        RunOutcome restarted = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));

        assertThat(restarted.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(restarted.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
        Path folder = restarted.reportFolder();
        assertThat(folder.toFile().list()).containsExactlyInAnyOrderElementsOf(FILES);
        RunJson actual = RunJson.read(folder);
        assertThat(actual.root().path("counts")).isEqualTo(expected.root().path("counts"));
        assertThat(actual.root().path("totals")).isEqualTo(expected.root().path("totals"));
        assertThat(actual.root().path("run")).isEqualTo(expected.root().path("run"));
        for (var output : actual.root().path("outputs")) {
            assertThat(Checksums.sha256(folder.resolve(output.path("file").asText())))
                    .isEqualTo(output.path("sha256").asText());
        }
        assertThat(runStatus(date)).isEqualTo("PUBLISHED");
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void killedRerunIsContinuedByTheNextRerunAndLeavesNothingBehind() throws IOException {
        Path reports = reports().resolve("killed-rerun");
        String date = "2031-02-04";
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500));
        String published = Files.readString(first.reportFolder().resolve("run.json"));
        RunOutcome rerun = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500).withRerun(true));
        assertThat(rerun.exitCode()).isEqualTo(ExitCode.SUCCESS);
        // as if the rerun had been killed while rendering: the first run's reports are still the published ones
        loseCompletion(rerun.jobExecutionId(), "render");
        Files.writeString(first.reportFolder().resolve("run.json"), published);
        Path orphan = Files.createDirectories(reports.resolve(".staging-" + date + "-r9-e9-"
                + deadProcessTag()));

        RunOutcome continued = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, date, 500).withRerun(true));

        assertThat(continued.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(jobRepository.getJobExecution(continued.jobExecutionId()).getJobInstanceId())
                .isEqualTo(jobRepository.getJobExecution(rerun.jobExecutionId()).getJobInstanceId());
        assertThat(jobRepository.getJobInstance(PipelineForecastJobConfiguration.JOB_NAME,
                RunSettings.identifying(LocalDate.parse(date), 3))).isNull();
        assertThat(RunJson.read(continued.reportFolder()).root().path("run").path("number").asLong()).isEqualTo(2);
        assertThat(orphan).doesNotExist();
        assertThat(reports).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void stagingFoldersAreUniquePerAttemptAndProcessAndALiveProcessKeepsItsOwn() throws Exception {
        Path reports = reports().resolve("live-staging");
        LocalDate date = LocalDate.parse("2031-02-05");
        Path one = publisher.existingStagingFolder(reports, date, 5, 7);
        Path other = publisher.existingStagingFolder(reports, date, 5, 8);
        assertThat(one.getFileName().toString()).isEqualTo(".staging-2031-02-05-r5-e7-"
                + ReportPublisher.processTag());
        assertThat(one).isNotEqualTo(other);

        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            String tag = ReportPublisher.processTag().replaceFirst("^p\\d+", "p" + alive.pid());
            Path busy = Files.createDirectories(reports.resolve(".staging-2031-02-05-r1-e1-" + tag));
            Path dead = Files.createDirectories(reports.resolve(".staging-2031-02-05-r1-e2-" + deadProcessTag()));
            Path mine = Files.createDirectories(one);
            assertThat(publisher.removeOrphans(reports)).isEqualTo(2);
            assertThat(busy).isDirectory();
            assertThat(dead).doesNotExist();
            assertThat(mine).doesNotExist();
        } finally {
            alive.destroy();
        }
    }

    /** The history as a kill -9 leaves it when the step's end had not been committed yet. */
    private void loseCompletion(long jobExecutionId, String fromStep) {
        List<String> steps = List.of("render", "publish");
        for (String step : steps.subList(steps.indexOf(fromStep), steps.size())) {
            jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
                    + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", jobExecutionId, step);
        }
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", jobExecutionId);
        jdbc.update("UPDATE forecast_run SET status = 'STARTED', completed_at = NULL WHERE run_id = "
                + "(SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?)", jobExecutionId);
    }

    private String runStatus(String date) {
        return jdbc.queryForObject("SELECT status FROM forecast_run WHERE run_date = CAST(? AS DATE) "
                + "ORDER BY run_seq DESC FETCH FIRST 1 ROWS ONLY", String.class, date);
    }

    /** The tag of a process of this host that has ended. */
    private static String deadProcessTag() throws IOException {
        Process ended = new ProcessBuilder("true").start();
        try {
            ended.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ReportPublisher.processTag().replaceFirst("^p\\d+", "p" + ended.pid());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
