package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.NightlyRun;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.job.PublishTasklet;
import com.pipelineforecast.job.RunOutcome;

/**
 * One nightly run with what operations need around it: the run's own log kept and written into its report folder
 * ({@code run.log}), old report folders removed ({@code --keep-reports}) after a publish, the reports delivered and
 * failures announced by mail.
 */
@Configuration
@EnableConfigurationProperties(OperationsOptions.class)
public class NightlyOperations {

    private static final Logger log = LoggerFactory.getLogger("pipeline");

    private final NightlyRun nightlyRun;
    private final JobRepository jobRepository;

    public NightlyOperations(NightlyRun nightlyRun, JobRepository jobRepository) {
        this.nightlyRun = nightlyRun;
        this.jobRepository = jobRepository;
    }

    public RunOutcome run(PipelineProperties options, OperationsOptions operations) {
        try {
            operations.validate();
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            return new RunOutcome(ExitCode.BAD_OPTIONS, e.getMessage(), null, null);
        }
        LocalDateTime started = LocalDateTime.now();
        try (RunLogCapture capture = RunLogCapture.start()) {
            RunOutcome outcome = nightlyRun.run(options);
            if (publishedSince(outcome, started)) {
                afterPublish(outcome, options, operations, capture);
            }
            return outcome;
        }
    }

    private void afterPublish(RunOutcome outcome, PipelineProperties options, OperationsOptions operations,
            RunLogCapture capture) {
        Path folder = outcome.reportFolder();
        try {
            ReportRetention.apply(folder.getParent(), LocalDate.parse(folder.getFileName().toString()),
                    operations.keepReports());
        } catch (IOException | RuntimeException e) {
            log.warn("--keep-reports: could not remove old report folders: {}", e.getMessage());
        }
        try {
            capture.writeTo(folder);
        } catch (IOException e) {
            log.warn("could not write {}: {}", folder.resolve(RunLogCapture.FILE_NAME), e.getMessage());
        }
    }

    /** Whether this invocation published the outcome's folder (not a date found already complete). */
    boolean publishedSince(RunOutcome outcome, LocalDateTime started) {
        if (outcome.reportFolder() == null || outcome.jobExecutionId() == null
                || (outcome.exitCode() != ExitCode.SUCCESS && outcome.exitCode() != ExitCode.INCOMPLETE)
                || !Files.isRegularFile(outcome.reportFolder().resolve(PublishTasklet.MANIFEST))) {
            return false;
        }
        JobExecution execution = jobRepository.getJobExecution(outcome.jobExecutionId());
        return execution != null && execution.getCreateTime() != null && !execution.getCreateTime().isBefore(started);
    }
}
