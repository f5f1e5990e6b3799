package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.ops.RunStatus;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** --status: the last runs from the history, and a verdict on the latest one for monitoring. */
@ActiveProfiles("failing-writer")
@Import(FailingWriterConfiguration.class)
class RunStatusFunctionalTest extends JobTestSupport {

    private static final LocalDate TODAY = LocalDate.of(2034, 5, 4);

    @Autowired
    private RunStatus status;

    @Test
    void listsTheRunsAndJudgesTheLatest() throws IOException {
        Path reports = reports();
        RunOutcome complete = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2034-05-01", 100));
        assertThat(complete.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(complete.reportFolder());

        RunStatus.Report first = status.report(reports, 10, TODAY, LocalDate.of(2034, 5, 1));
        assertThat(first.ok()).isTrue();
        assertThat(first.verdict()).isEqualTo("latest run 2034-05-01 (3 days ago): published, complete");
        RunStatus.Line line = first.lines().get(0);
        assertThat(line.runDate()).isEqualTo(LocalDate.of(2034, 5, 1));
        assertThat(line.status()).isEqualTo("PUBLISHED");
        assertThat(line.complete()).isTrue();
        assertThat(line.rows()).isEqualTo(324);
        assertThat(line.rejected()).isEqualTo(6);
        assertThat(line.weightedAsReported()).isEqualTo(runJson.total("weightedAsReported").toPlainString());
        assertThat(line.weightedChecklistAdjusted())
                .isEqualTo(runJson.total("weightedChecklistAdjusted").toPlainString());
        assertThat(line.duration()).isNotNull();
        assertThat(first.text().get(first.text().size() - 1)).startsWith("OK latest run 2034-05-01");

        // an incomplete night: published, but not OK
        Path bad = Files.createDirectories(work.resolve("status-incomplete"));
        Files.writeString(bad.resolve("export.csv"), "Opportunity ID,Stage,Amount,Close Date\nS-1,Qualified,100,"
                + "2034-06-01\nS-2,Qualified,lots,2034-06-01\n");
        assertThat(run(TestRuns.options(bad, reports, "2034-05-02", 100)).exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        RunStatus.Report second = status.report(reports, 10, TODAY, LocalDate.of(2034, 5, 2));
        assertThat(second.ok()).isFalse();
        assertThat(second.verdict()).isEqualTo("latest run 2034-05-02 (2 days ago): published INCOMPLETE");
        assertThat(second.lines().get(0).complete()).isFalse();
        assertThat(second.lines().get(0).rejected()).isEqualTo(1);
        assertThat(second.lines()).extracting(RunStatus.Line::runDate).startsWith(LocalDate.of(2034, 5, 2),
                LocalDate.of(2034, 5, 1));

        // a failed night: not OK until its restart publishes it
        FailingWriterConfiguration.armAfter(120);
        RunOutcome failed = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2034-05-03", 50));
        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        RunStatus.Report third = status.report(reports, 2, TODAY, LocalDate.of(2034, 5, 3));
        assertThat(third.ok()).isFalse();
        assertThat(third.verdict()).isEqualTo("latest run 2034-05-03 (1 day ago): FAILED");
        assertThat(third.lines()).hasSize(2);
        assertThat(third.lines().get(0).status()).isEqualTo("FAILED");
        assertThat(third.lines().get(0).rows()).isEqualTo(100);
        assertThat(third.lines().get(0).weightedAsReported()).isNull();

        assertThat(run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2034-05-03", 50)).exitCode())
                .isEqualTo(ExitCode.SUCCESS);
        RunStatus.Report fourth = status.report(reports, 10, TODAY, LocalDate.of(2034, 5, 3));
        assertThat(fourth.ok()).isTrue();
        assertThat(fourth.lines().get(0).rows()).isEqualTo(324);
    }

    @Test
    void anEmptyHistoryIsNotOk() throws IOException {
        Path folder = Files.createDirectories(work.resolve("status-empty"));
        int exit = PipelineForecastLauncher.run(new String[] {"--status", "--pipeline.database="
                + folder.resolve("data"), "--reports=" + folder.resolve("reports")});
        assertThat(exit).isEqualTo(1);
    }
}
