package com.pipelineforecast.job;

import java.nio.file.Path;

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
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.report.ReportLimits;

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

    public AggregateTasklet(RunHistory history, ForecastAnalyzer analyzer, AnalysisStore store,
            RunContexts contexts, ReportLimits limits) {
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
                context.settings().forecasting().calibrationMinDeals(), limits.topDeals()));
        store.save(context.runId(), new AnalysisStore.Stored(analysis, history.counts(context.runId()),
                history.findingCounts(context.runId())));
        return RepeatStatus.FINISHED;
    }

    static java.util.List<QuotaFile.Quota> quotas(RunContext context) {
        Path file = InputFiles.referenceFile(context.settings().inputs(), QuotaFile.FILE_NAME);
        return QuotaFile.read(file);
    }
}
