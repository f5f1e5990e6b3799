package com.pipelineforecast.job;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.Json;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.InputChangeCheck;
import com.pipelineforecast.history.ExportRows;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.report.Checksums;
import com.pipelineforecast.report.FindingsCsvWriter;
import com.pipelineforecast.report.ForecastPdfRenderer;
import com.pipelineforecast.report.ForecastReport;
import com.pipelineforecast.report.PipelineWorkbookRenderer;
import com.pipelineforecast.report.RejectedCsvWriter;
import com.pipelineforecast.report.ReportPublisher;
import com.pipelineforecast.report.RunManifest;

/** The publish step: writes run.json into the staging folder and moves the folder into place. */
@Component
public class PublishTasklet implements Tasklet {

    public static final String MANIFEST = "run.json";
    private static final Logger log = LoggerFactory.getLogger("pipeline.publish");
    private static final ObjectMapper JSON = Json.mapper();

    private static final List<String> OUTPUTS = List.of(ForecastPdfRenderer.FILE_NAME,
            PipelineWorkbookRenderer.FILE_NAME, RejectedCsvWriter.FILE_NAME, FindingsCsvWriter.FILE_NAME);

    private final ForecastReports reports;
    private final RenderTasklet renderer;
    private final ReportPublisher publisher;
    private final RunHistory history;
    private final InputChangeCheck inputChange;

    /** The embedded database's folder, whose work folder holds each run's export rows until it is published. */
    private final Path database;

    public PublishTasklet(ForecastReports reports, RenderTasklet renderer, ReportPublisher publisher,
            RunHistory history, InputChangeCheck inputChange,
            @org.springframework.beans.factory.annotation.Value("${pipeline.database:data}") String database) {
        this.database = Path.of(database);
        this.reports = reports;
        this.renderer = renderer;
        this.publisher = publisher;
        this.history = history;
        this.inputChange = inputChange;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ForecastReport report = reports.of(execution);
        RunSettings settings = RunSettings.from(execution.getJobParameters());
        RunManifest.Run run = new RunManifest.Run(report.runId(), settings.run(), history.startedAt(report.runId()));
        Path target = settings.reports().resolve(settings.runDate().toString());
        if (publishedBy(target, run)) {
            // a restart after a crash between the move and the record of the step's completion
            history.markPublished(report.runId());
            removeWork(report.runId());
            log.info("already published {} by this run; nothing to redo", target);
            return RepeatStatus.FINISHED;
        }
        Path staging = publisher.existingStagingFolder(settings.reports(), settings.runDate(), report.runId(),
                execution.getId());
        if (!complete(staging)) {
            // a restart whose render step completed in an earlier attempt: that attempt's staging folder is gone
            log.info("publish: the rendered reports of an earlier attempt are gone; rendering them again");
            staging = publisher.stagingFolder(settings.reports(), settings.runDate(), report.runId(),
                    execution.getId());
            renderer.render(execution, report, staging);
        }
        RunManifest manifest = manifest(report, settings, staging, execution, run,
                history.findingCounts(report.runId()));
        ObjectNode document = JSON.valueToTree(manifest);
        document.put("inputUnchanged", inputUnchanged(manifest, settings));
        Path runJson = staging.resolve(MANIFEST);
        RenderTasklet.writing(runJson, () -> {
            JSON.writeValue(runJson.toFile(), document);
            return runJson;
        });
        Path published = publisher.publish(staging, settings.reports(), settings.runDate());
        history.markPublished(report.runId());
        removeWork(report.runId());
        log.info("published {}", published);
        return RepeatStatus.FINISHED;
    }

    /** Whether every export is byte for byte the previous night's (run.json {@code inputUnchanged}), with a warning. */
    private boolean inputUnchanged(RunManifest manifest, RunSettings settings) {
        java.util.Set<String> inputs = new java.util.TreeSet<>();
        manifest.inputs().forEach(input -> inputs.add(input.file() + " " + input.sha256()));
        java.util.Optional<java.time.LocalDate> since = inputChange.unchangedSince(settings.runDate(),
                settings.reports(), inputs);
        since.ifPresent(date -> log.warn("input unchanged: every export is byte for byte the one of {} (same files, "
                + "same SHA-256) - is the CRM export still running?", date));
        return since.isPresent();
    }

    /** Whether {@code <reports>/<date>/run.json} is the manifest of this very run. */
    static boolean publishedBy(Path target, RunManifest.Run run) {
        Path manifest = target.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            JsonNode published = JSON.readTree(manifest.toFile()).path("run");
            return published.path("id").asLong(-1) == run.id() && published.path("number").asLong(-1) == run.number()
                    && published.path("started").asText("").equals(run.started());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean complete(Path staging) {
        return OUTPUTS.stream().allMatch(name -> Files.isRegularFile(staging.resolve(name)));
    }

    private static RunManifest manifest(ForecastReport report, RunSettings settings, Path staging,
            JobExecution execution, RunManifest.Run run, Map<String, Long> findingCounts) throws IOException {
        List<RunManifest.Input> inputs = new ArrayList<>();
        for (Path file : InputFiles.dealExports(settings.inputs())) {
            String name = file.getFileName().toString();
            inputs.add(new RunManifest.Input(name, Files.size(file), Checksums.sha256(file),
                    report.counts().rowsByFile().getOrDefault(name, 0L),
                    report.counts().skippedByFile().getOrDefault(name, 0L)));
        }
        ForecastTotals totals = report.totals();
        List<RunManifest.StageLine> byStage = new ArrayList<>();
        for (StageTotal stage : report.stages()) {
            byStage.add(new RunManifest.StageLine(stage.stageId(), stage.deals(), Money.plain(stage.amount()),
                    stage.probability().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                    Money.plain(stage.weightedReported()), Money.plain(stage.weightedAdjusted())));
        }
        List<RunManifest.Output> outputs = new ArrayList<>();
        for (String name : OUTPUTS) {
            outputs.add(new RunManifest.Output(name, Checksums.sha256(staging.resolve(name))));
        }
        return new RunManifest(settings.runDate().toString(), report.playbookId(), report.reportingCurrency(),
                inputs, new RunManifest.Counts(report.counts().read(), report.counts().accepted(),
                        report.counts().rejected(), report.counts().skipped()),
                new RunManifest.Totals(Money.plain(totals.openAmount()), Money.plain(totals.weightedAsReported()),
                        Money.plain(totals.weightedChecklistAdjusted()), Money.plain(totals.closedWon())),
                byStage, leads(report), findingCounts, report.rejectedReasons(), report.missingFxRates(),
                outputs, timings(execution), run, report.analysis(), report.quality());
    }

    private static RunManifest.Leads leads(ForecastReport report) {
        long deals = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (StageTotal stage : report.stages()) {
            if (stage.lead()) {
                deals += stage.deals();
                amount = amount.add(stage.amount());
            }
        }
        return new RunManifest.Leads(deals, Money.plain(amount));
    }

    /** Milliseconds of this execution in total and per finished step (a restart counts its own attempt). */
    private static Map<String, Long> timings(JobExecution execution) {
        Map<String, Long> timings = new LinkedHashMap<>();
        LocalDateTime now = LocalDateTime.now();
        timings.put("totalMillis", Duration.between(execution.getStartTime(), now).toMillis());
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getEndTime() != null && !step.getStepName().contains(":")) {
                timings.put(step.getStepName() + "Millis",
                        Duration.between(step.getStartTime(), step.getEndTime()).toMillis());
            }
        }
        return timings;
    }

    /**
     * A published run's export rows are in its workbook: the work folders of the runs published before this one
     * go. This run's stays until the next publish, so that its reports can still be rendered again (a restart
     * after a crash between render and publish); a failed run's stays for its restart. Failing to remove one is no
     * failure.
     */
    private void removeWork(long runId) {
        java.util.List<Long> published = new java.util.ArrayList<>();
        try (var folders = java.nio.file.Files.list(ExportRows.runFolder(database, runId).getParent())) {
            folders.map(folder -> folder.getFileName().toString()).filter(name -> name.matches("run-\\d+"))
                    .map(name -> Long.parseLong(name.substring(4))).filter(id -> id != runId && history.published(id))
                    .forEach(published::add);
        } catch (IOException | RuntimeException e) {
            // no work folder at all, or one that cannot be listed: the run's own is still removed below
        }
        for (long id : published) {
            try {
                ReportPublisher.deleteTree(ExportRows.runFolder(database, id));
            } catch (IOException | RuntimeException e) {
                log.warn("could not remove the work folder of run {}: {}", id, e.getMessage());
            }
        }
    }
}
