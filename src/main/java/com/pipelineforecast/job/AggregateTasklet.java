package com.pipelineforecast.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.AnalysisStore;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.ForecastAnalyzer;
import com.pipelineforecast.forecast.QuotaFile;
import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.DealExportReader;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.report.ReportLimits;
import com.pipelineforecast.validation.DataQuality;
import com.pipelineforecast.validation.DataQualityAnalyzer;

/**
 * The aggregate step: groups the run's snapshot into the selling-cycle table and the rest of the analysis
 * (periods, owners, categories, movement, aging, calibration, quotas), and stores them with the run's counts, so
 * that render and publish read them instead of counting again.
 */
@Component
public class AggregateTasklet implements Tasklet {

    private final RunHistory history;
    private final ForecastAnalyzer analyzer;
    private final AnalysisStore store;
    private final RunContexts contexts;
    private final ReportLimits limits;
    private final DataQualityAnalyzer dataQuality;

    public AggregateTasklet(RunHistory history, ForecastAnalyzer analyzer, AnalysisStore store,
            RunContexts contexts, ReportLimits limits, DataQualityAnalyzer dataQuality) {
        this.dataQuality = dataQuality;
        this.limits = limits;
        this.history = history;
        this.analyzer = analyzer;
        this.store = store;
        this.contexts = contexts;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        RunContext context = contexts.of(execution);
        ForecastAnalysis analysis = analyzer.analyze(new ForecastAnalyzer.Scope(context.runId(),
                context.settings().runDate(), context.playbook(), context.calendar(), quotas(context),
                context.settings().forecasting().calibrationMinDeals(), limits.topDeals(), context.previous()));
        RunCounts counts = history.counts(context.runId());
        DataQuality quality = dataQuality.analyze(context.runId(), context.playbook(), context.stageResolver(),
                exportedItems(context), counts, limits.maxRejectedPercent());
        store.save(context.runId(), new AnalysisStore.Stored(analysis, counts, history.findingCounts(context.runId()),
                quality));
        return RepeatStatus.FINISHED;
    }

    /** Per export file, the checklist items its header carries (read again from the file: only its header). */
    private static Map<String, Set<String>> exportedItems(RunContext context) {
        Map<String, Set<String>> exported = new LinkedHashMap<>();
        for (Path file : InputFiles.dealExports(context.settings().inputs())) {
            exported.put(file.getFileName().toString(), DealExportReader.inspect(file, context.checklistItemIds(),
                    context.readOptions()).exportedItems());
        }
        return exported;
    }

    static java.util.List<QuotaFile.Quota> quotas(RunContext context) {
        Path file = InputFiles.referenceFile(context.settings().inputs(), QuotaFile.FILE_NAME);
        return QuotaFile.read(file);
    }
}
