package com.pipelineforecast.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.pipelineforecast.ingest.DealExportReader;
import com.pipelineforecast.ingest.MappingLoader;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.ingest.InputUnusableException;
import com.pipelineforecast.playbook.PlaybookException;
import com.pipelineforecast.playbook.PlaybookLoader;
import com.pipelineforecast.report.ReportLimits;
import com.pipelineforecast.report.ReportPublisher;
import com.pipelineforecast.report.ReportsLock;

/**
 * One invocation of the nightly job: validates the options and inputs before anything runs, then starts the
 * run of the date, restarts its failed attempt, or leaves a completed date alone (unless {@code --rerun}).
 */
@Component
public class NightlyRun {

    private static final Logger log = LoggerFactory.getLogger("pipeline");
    /** The longest failure message: long enough to name the file, line, column and cause. */
    static final int MESSAGE_LIMIT = 400;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final ReportPublisher publisher;
    private final RunSummary summary;
    private final ReportLimits limits;
    private final RunLock lock;
    private final com.pipelineforecast.forecast.AnalysisStore analyses;
    private final java.time.Duration reportsLockWait;
    private final Path database;

    public NightlyRun(JobOperator jobOperator, JobRepository jobRepository, Job pipelineForecastJob,
            ReportPublisher publisher, RunSummary summary, ReportLimits limits, RunLock lock,
            com.pipelineforecast.forecast.AnalysisStore analyses,
            PipelineProperties configured,
            @org.springframework.beans.factory.annotation.Value("${pipeline.database:data}") String database,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.url:}") String databaseUrl) {
        this.analyses = analyses;
        // the embedded database's folder, where its data file grows (null when the history is on a server)
        this.database = databaseUrl.startsWith("jdbc:hsqldb:file:") ? Path.of(database) : null;
        this.reportsLockWait = java.time.Duration.ofSeconds(Math.max(0, configured.reportsLockWait()));
        this.limits = limits;
        this.lock = lock;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = pipelineForecastJob;
        this.publisher = publisher;
        this.summary = summary;
    }

    public RunOutcome run(PipelineProperties options) {
        RunSettings settings;
        try {
            settings = settings(options);
            limits.validate();
            reportsFolder(settings.reports());
            InputFiles.checkDistinct(settings.inputs());
        } catch (IllegalArgumentException | PlaybookException | MappingLoader.MappingException e) {
            return report(RunOutcome.failure(ExitCode.BAD_OPTIONS, e.getMessage()));
        } catch (InputUnusableException e) {
            return report(RunOutcome.failure(ExitCode.INPUT_UNUSABLE, e.getMessage()));
        } catch (RuntimeException e) {
            log.debug("options refused", e);
            return report(RunOutcome.failure(ExitCode.BAD_OPTIONS, "options or configuration cannot be used: "
                    + rootMessage(e)));
        }
        try {
            // every input is read through once before anything is written: a file that cannot be read to its
            // end (an unterminated quote, a byte invalid in its encoding) stops the run here, not half-way
            RunContext context = RunContext.load(0, settings, new PlaybookLoader(), java.util.Map.of());
            java.util.Set<String> headers = new java.util.HashSet<>();
            for (Path file : InputFiles.dealExports(settings.inputs())) {
                DealExportReader.check(file, context.checklistItemIds(), context.readOptions()).headers()
                        .forEach(h -> headers.add(com.pipelineforecast.playbook.Names.normalize(h)));
            }
            context.readOptions().mapping().itemHeaders().forEach((header, item) -> {
                if (!headers.contains(header)) {
                    log.warn("the mapping file names a column '{}' for checklist item {}, but no export has it: {} "
                            + "is not assessed", header, item, item);
                }
            });
            AggregateTasklet.quotas(context);
        } catch (InputUnusableException e) {
            return report(RunOutcome.failure(ExitCode.INPUT_UNUSABLE, e.getMessage()));
        } catch (RuntimeException e) {
            log.debug("input refused", e);
            return report(RunOutcome.failure(ExitCode.INPUT_UNUSABLE, "an input cannot be used: " + rootMessage(e)));
        }
        try (RunLock.Held held = lock.tryAcquire()) {
            if (held == null) {
                return report(RunOutcome.failure(ExitCode.JOB_FAILED, "run " + settings.runDate() + " not started: "
                        + "another run is in progress on this database; start it again when that one has ended"));
            }
            // one writer per reports folder: two installations sharing it never stage or publish at once
            ReportsLock reportsLock;
            try {
                reportsLock = ReportsLock.acquire(settings.reports(), reportsLockWait);
            } catch (ReportsLock.HeldElsewhere e) {
                return report(RunOutcome.failure(ExitCode.JOB_FAILED, "run " + settings.runDate() + " not started: "
                        + e.getMessage() + "; start it again when that one has ended"));
            }
            try (reportsLock) {
                try {
                    publisher.recoverInterrupted(settings.reports());
                    publisher.removeOrphans(settings.reports());
                } catch (java.io.IOException e) {
                    return report(RunOutcome.failure(ExitCode.BAD_OPTIONS, "reports folder " + settings.reports()
                            + " is not usable: " + e.getMessage()));
                }
                return report(launch(settings, options.rerun()));
            }
        } catch (Exception | InternalError e) {
            // InternalError: how the JVM reports a write into the memory-mapped database file of a full disk
            log.debug("run failed", e);
            String full = DiskFull.describe(e, database);
            return report(RunOutcome.failure(ExitCode.JOB_FAILED, "run " + settings.runDate() + " failed: "
                    + (full != null ? full + "; free space and start it again with the same --run-date to continue"
                            : rootMessage(e))));
        }
    }

    private RunOutcome launch(RunSettings requested, boolean rerun) throws Exception {
        LocalDate date = requested.runDate();
        long latest = 0;
        while (jobRepository.getJobInstance(job.getName(), RunSettings.identifying(date, latest + 1)) != null) {
            latest++;
        }
        JobExecution execution;
        if (latest == 0) {
            log.info("run {}: starting", date);
            execution = jobOperator.start(job, withRun(requested, 1).toJobParameters());
        } else {
            JobInstance instance = jobRepository.getJobInstance(job.getName(), RunSettings.identifying(date, latest));
            JobExecution last = jobRepository.getLastJobExecution(instance);
            BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
            if (rerun && status == BatchStatus.COMPLETED) {
                log.info("run {}: --rerun given, starting run {} of this date", date, latest + 1);
                execution = jobOperator.start(job, withRun(requested, latest + 1).toJobParameters());
            } else if (status == BatchStatus.COMPLETED) {
                String folder = requested.reports().resolve(date.toString()).toString();
                String incomplete = RunSummary.incomplete(Path.of(folder));
                if (incomplete == null && !java.nio.file.Files.exists(Path.of(folder, PublishTasklet.MANIFEST))) {
                    // reports elsewhere (another --reports) or removed: the history still knows
                    incomplete = storedIncomplete(instance.getInstanceId());
                }
                return new RunOutcome(incomplete == null ? ExitCode.SUCCESS : ExitCode.INCOMPLETE, "run " + date
                        + " is already complete (reports in " + folder + ")" + (incomplete == null ? ""
                                : ", published " + incomplete) + "; use --rerun to compute it again",
                        Path.of(folder), last.getId());
            } else {
                if (last.isRunning()) {
                    // A run left STARTED is one whose process died: the embedded database admits one process,
                    // and on PostgreSQL this process holds the run lock (RunLock).
                    log.warn("run {}: the previous attempt (execution {}) did not end; marking it failed", date,
                            last.getId());
                    last = jobOperator.recover(last);
                }
                // an unfinished --rerun is continued like any other run: a second --rerun does not start a third
                log.info("run {}: restarting the failed attempt (execution {}{}) from its last committed chunk", date,
                        last.getId(), latest > 1 ? ", run " + latest + " of this date" : "");
                execution = jobOperator.restart(last);
            }
        }
        return outcome(execution);
    }

    /** The banner of a completed run as the aggregate step stored it, or null when complete or unknown. */
    private String storedIncomplete(long runId) {
        try {
            var quality = analyses.load(runId).quality();
            return quality == null ? null : quality.incomplete();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RunOutcome outcome(JobExecution execution) {
        RunSettings settings = RunSettings.from(execution.getJobParameters());
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            Path folder = settings.reports().resolve(settings.runDate().toString());
            summary.print(folder);
            String incomplete = RunSummary.incomplete(folder);
            if (incomplete != null) {
                return new RunOutcome(ExitCode.INCOMPLETE, "run " + settings.runDate() + " published " + incomplete
                        + " (over --max-rejected): " + folder, folder, execution.getId());
            }
            return new RunOutcome(ExitCode.SUCCESS, "run " + settings.runDate() + " completed: " + folder,
                    folder, execution.getId());
        }
        execution.getAllFailureExceptions().forEach(f -> log.debug("failure", f));
        String cause = failureCause(execution);
        return new RunOutcome(ExitCode.JOB_FAILED, "run " + settings.runDate() + " failed (" + execution.getStatus()
                + "): " + cause + (cause.endsWith("; free space and") ? " " : "; ")
                + "start it again with the same --run-date to continue", null, execution.getId());
    }

    /**
     * A full disk, wherever it shows (named with its path, see {@link DiskFull}); else the first failure of a
     * partition worker (the real cause), else of any step, else of the job.
     */
    private String failureCause(JobExecution execution) {
        java.util.List<Throwable> failures = new java.util.ArrayList<>();
        execution.getStepExecutions().forEach(step -> failures.addAll(step.getFailureExceptions()));
        failures.addAll(execution.getFailureExceptions());
        for (Throwable failure : failures) {
            String full = DiskFull.describe(failure, database);
            if (full != null) {
                return full + "; free space and";
            }
        }
        Comparator<StepExecution> workersFirst = Comparator.comparing(step -> !step.getStepName().contains(":"));
        return execution.getStepExecutions().stream().sorted(workersFirst)
                .flatMap(step -> step.getFailureExceptions().stream())
                .findFirst()
                .or(() -> execution.getFailureExceptions().stream().findFirst())
                .map(NightlyRun::rootMessage)
                .orElse(execution.getExitStatus().getExitDescription());
    }

    private static RunSettings withRun(RunSettings settings, long run) {
        return new RunSettings(settings.runDate(), run, settings.inputs(), settings.playbook(),
                settings.reportingCurrency(), settings.defaultCurrency(), settings.reports(), settings.fxRates(),
                settings.chunkSize(), settings.probabilityMargin(), settings.reading(), settings.forecasting());
    }

    static RunSettings settings(PipelineProperties options) {
        ZoneId zone;
        try {
            zone = options.zone() == null || options.zone().isBlank() ? ZoneId.systemDefault()
                    : ZoneId.of(options.zone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone: unknown time zone '" + options.zone() + "'");
        }
        LocalDate runDate;
        try {
            runDate = options.runDate() == null || options.runDate().isBlank() ? LocalDate.now(zone)
                    : LocalDate.parse(options.runDate().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--run-date: expected YYYY-MM-DD, found '" + options.runDate() + "'");
        }
        String currency = currency("--reporting-currency", options.reportingCurrency());
        String defaultCurrency = options.defaultCurrency() == null || options.defaultCurrency().isBlank() ? currency
                : currency("--default-currency", options.defaultCurrency());
        if (options.chunkSize() < 1) {
            throw new IllegalArgumentException("--chunk-size must be at least 1, found " + options.chunkSize());
        }
        if (options.probabilityMargin() == null || options.probabilityMargin().signum() < 0
                || options.probabilityMargin().compareTo(java.math.BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("--probability-margin must be between 0 and 1, found "
                    + options.probabilityMargin());
        }
        new com.pipelineforecast.domain.FiscalCalendar(options.fiscalYearStart());
        if (!List.of("playbook", "calibrated").contains(options.weights())) {
            throw new IllegalArgumentException("--weights must be playbook or calibrated, found '" + options.weights()
                    + "'");
        }
        if (options.calibrationMinDeals() < 1) {
            throw new IllegalArgumentException("--calibration-min-deals must be at least 1");
        }
        if (options.input() == null || options.input().isEmpty()) {
            throw new IllegalArgumentException("--input: no input folder or file given");
        }
        com.pipelineforecast.playbook.Playbook playbook = new PlaybookLoader().load(options.playbook());
        RunContext.readOptions(new RunSettings.Reading(options.mapping(), options.encoding(), options.sheet(),
                options.dateFormat())).mapping().validate(playbook);
        return new RunSettings(runDate, 1, options.input(), options.playbook(), currency, defaultCurrency,
                Path.of(options.reports()), options.fxRates(), options.chunkSize(), options.probabilityMargin(),
                new RunSettings.Reading(options.mapping(), options.encoding(), options.sheet(), options.dateFormat()),
                new RunSettings.Forecasting(options.fiscalYearStart(), options.weights(), options.calibrationMinDeals()));
    }

    private static String currency(String option, String value) {
        String code = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(option + ": expected an ISO 4217 code such as USD, found '" + value
                    + "'");
        }
        return code;
    }

    /**
     * {@code --reports} must be a folder this process can write into (created when missing): checked before the
     * run, so a file or a read-only folder is a bad option, not a run that fails when it publishes.
     */
    static void reportsFolder(Path reports) {
        if (Files.exists(reports) && !Files.isDirectory(reports)) {
            throw new IllegalArgumentException("--reports: " + reports + " is a file, not a folder");
        }
        try {
            Files.createDirectories(reports);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--reports: cannot create the folder " + reports + " (" + reason(e)
                    + ")");
        }
        Path probe = reports.resolve(".write-check-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--reports: cannot write into the folder " + reports + " ("
                    + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name exists"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e.getClass().getSimpleName();
    }

    /** Failures are one line of at most {@link #MESSAGE_LIMIT} characters, whatever the input held. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").strip();
        return line.length() <= MESSAGE_LIMIT ? line : line.substring(0, MESSAGE_LIMIT - 1) + "…";
    }

    private static RunOutcome report(RunOutcome outcome) {
        if (outcome.exitCode() != ExitCode.SUCCESS && !String.valueOf(outcome.message())
                .equals(oneLine(outcome.message()))) {
            outcome = new RunOutcome(outcome.exitCode(), oneLine(outcome.message()), outcome.reportFolder(),
                    outcome.jobExecutionId());
        }
        if (outcome.exitCode() == ExitCode.INCOMPLETE) {
            log.warn(outcome.message());
        } else if (outcome.exitCode() == ExitCode.SUCCESS) {
            log.info(outcome.message());
        } else {
            log.error(outcome.message());
        }
        return outcome;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
