package com.pipelineforecast.job;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.AnalysisStore;
import com.pipelineforecast.forecast.ForecastAggregator;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.report.ForecastReport;

/** Assembles the renderers' data for a run from its aggregates. */
@Component
public class ForecastReports {

    private final RunContexts contexts;
    private final ForecastAggregator aggregator;
    private final RunHistory history;
    private final AnalysisStore analyses;

    public ForecastReports(RunContexts contexts, ForecastAggregator aggregator, RunHistory history,
            AnalysisStore analyses) {
        this.analyses = analyses;
        this.contexts = contexts;
        this.aggregator = aggregator;
        this.history = history;
    }

    public ForecastReport of(JobExecution execution) {
        RunContext context = contexts.of(execution);
        AnalysisStore.Stored stored = analyses.load(context.runId());
        List<StageTotal> stages = aggregator.stageTotals(context.runId(), context.playbook(), context.weigher());
        return new ForecastReport(context.runId(), context.settings().runDate(), context.playbook().id(),
                context.playbook().name(), context.settings().reportingCurrency(), stages, ForecastTotals.of(stages),
                stored.counts(), stored.findingCounts(),
                history.rejectedReasons(context.runId()), history.currenciesWithoutRate(context.runId()),
                stored.analysis(), stored.quality(), context.playbook());
    }
}
