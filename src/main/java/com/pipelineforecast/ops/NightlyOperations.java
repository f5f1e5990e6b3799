package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import com.pipelineforecast.history.RunRetention;
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
    private final ReportDelivery delivery;
    private final FailureNotice failures;
    private final RunRetention runRetention;

    public NightlyOperations(NightlyRun nightlyRun, JobRepository jobRepository, ReportDelivery delivery,
            FailureNotice failures, RunRetention runRetention) {
        this.runRetention = runRetention;
        this.nightlyRun = nightlyRun;
        this.jobRepository = jobRepository;
        this.delivery = delivery;
        this.failures = failures;
    }

    public RunOutcome run(PipelineProperties options, OperationsOptions operations) {
        return run(options, operations, null);
    }

    /**
     * @param arguments the command line of this start, for the command in a failure notice (null: made from the
     *            options)
     */
    public RunOutcome run(PipelineProperties options, OperationsOptions operations, List<String> arguments) {
        try {
            operations.validate();
            operations.recipientsList();
            if (operations.mailsAnything() && !delivery.configured()) {
                throw new IllegalArgumentException("--mail-managers, --mail-finance, --mail-failures and --recipients "
                        + "need an SMTP "
                        + "server: set spring.mail.host (and spring.mail.port, spring.mail.username, "
                        + "spring.mail.password as needed)");
            }
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            return new RunOutcome(ExitCode.BAD_OPTIONS, e.getMessage(), null, null);
        }
        LocalDateTime started = LocalDateTime.now();
        try (RunLogCapture capture = RunLogCapture.start()) {
            RunOutcome outcome = nightlyRun.run(options);
            boolean published = publishedSince(outcome, started);
            if (published) {
                retention(outcome, operations);
            }
            if (outcome.reportFolder() != null && outcome.jobExecutionId() != null
                    && (outcome.exitCode() == ExitCode.SUCCESS || outcome.exitCode() == ExitCode.INCOMPLETE)) {
                deliver(outcome, operations);
            }
            if (published) {
                try {
                    capture.writeTo(outcome.reportFolder());
                } catch (IOException e) {
                    log.warn("could not write {}: {}", outcome.reportFolder().resolve(RunLogCapture.FILE_NAME),
                            e.getMessage());
                }
            }
            boolean announce = outcome.exitCode() != ExitCode.SUCCESS && (published || outcome.reportFolder() == null);
            if (announce && !operations.mailFailures().isEmpty()) {
                String date = runDate(options);
                failures.send(date, outcome, command(arguments, options, date), capture.tail(FailureNotice.TAIL),
                        operations);
            }
            return outcome;
        }
    }

    private void deliver(RunOutcome outcome, OperationsOptions operations) {
        try {
            JobExecution execution = jobRepository.getJobExecution(outcome.jobExecutionId());
            if (execution != null) {
                delivery.deliver(execution.getJobInstanceId(), outcome.reportFolder(), operations);
            }
        } catch (RuntimeException e) {
            log.warn("report mails not sent: {}", ReportDelivery.rootMessage(e));
        }
    }

    private void retention(RunOutcome outcome, OperationsOptions operations) {
        Path folder = outcome.reportFolder();
        try {
            ReportRetention.apply(folder.getParent(), LocalDate.parse(folder.getFileName().toString()),
                    operations.keepReports());
        } catch (IOException | RuntimeException e) {
            log.warn("--keep-reports: could not remove old report folders: {}", e.getMessage());
        }
        try {
            runRetention.keepLatest(operations.keepRuns());
        } catch (RuntimeException e) {
            log.warn("--keep-runs: could not remove the deal rows of older runs: {}", e.getMessage());
        }
    }

    private static String runDate(PipelineProperties options) {
        if (options.runDate() != null && !options.runDate().isBlank()) {
            return options.runDate().trim();
        }
        try {
            return LocalDate.now(options.zone() == null || options.zone().isBlank() ? ZoneId.systemDefault()
                    : ZoneId.of(options.zone())).toString();
        } catch (DateTimeException e) {
            return LocalDate.now().toString();
        }
    }

    /**
     * The command that starts this night again: the same options with its run date, without {@code --rerun} (a
     * failed rerun continues as any failed run) and without {@code --schedule}; the notice of an incomplete night
     * adds {@code --rerun} itself.
     */
    static String command(List<String> arguments, PipelineProperties options, String runDate) {
        List<String> parts = new ArrayList<>();
        parts.add("java -jar pipeline-forecast.jar");
        if (arguments == null) {
            parts.add("--input=" + String.join(",", options.input()));
            parts.add("--reports=" + options.reports());
        } else {
            arguments.stream().filter(a -> !a.startsWith("--rerun") && !a.startsWith("--schedule")
                    && !a.startsWith("--run-date")).forEach(parts::add);
        }
        parts.add("--run-date=" + runDate);
        return String.join(" ", parts);
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
