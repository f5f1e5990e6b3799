package com.pipelineforecast.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.AnalysisStore;
import com.pipelineforecast.forecast.ForecastAggregator;
import com.pipelineforecast.forecast.ForecastAnalyzer;
import com.pipelineforecast.forecast.QuotaFile;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.ExportRows;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.CanonicalColumn;
import com.pipelineforecast.ingest.ColumnMapping;
import com.pipelineforecast.playbook.CheckKind;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.report.ForecastReport;
import com.pipelineforecast.report.ReportLimits;
import com.pipelineforecast.validation.DataQuality;
import com.pipelineforecast.validation.DataQualityAnalyzer;
import com.pipelineforecast.report.WorkbookInputs;

/** Assembles the renderers' data for a run from its aggregates. */
@Component
public class ForecastReports {

    private final RunContexts contexts;
    private final ForecastAggregator aggregator;
    private final RunHistory history;
    private final AnalysisStore analyses;

    private final ForecastAnalyzer analyzer;
    private final ReportLimits limits;
    private final DataQualityAnalyzer dataQuality;

    /** The embedded database's folder, whose work folder holds each run's export rows until it is published. */
    private final java.nio.file.Path database;

    public ForecastReports(RunContexts contexts, ForecastAggregator aggregator, RunHistory history,
            AnalysisStore analyses, ForecastAnalyzer analyzer, ReportLimits limits, DataQualityAnalyzer dataQuality,
            @org.springframework.beans.factory.annotation.Value("${pipeline.database:data}") String database) {
        this.database = java.nio.file.Path.of(database);
        this.dataQuality = dataQuality;
        this.analyzer = analyzer;
        this.limits = limits;
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
                stored.analysis(), stored.quality(), context.playbook(),
                context.settings().forecasting().calibrationMinDeals());
    }

    /**
     * The report of one team's deals: every figure, table and list computed again from the run's snapshot by the
     * passes of the aggregate step restricted to the team (nothing stored); the night's counts and completeness
     * are the run's. Null when the run has no deal of that team.
     */
    public ForecastReport ofTeam(JobExecution execution, String team) {
        RunContext context = contexts.of(execution);
        AnalysisStore.Stored stored = analyses.load(context.runId());
        List<QuotaFile.Quota> quotas;
        try {
            quotas = AggregateTasklet.quotas(context);
        } catch (RuntimeException e) {
            quotas = List.of(); // quotas.csv changed since the night was published: the team report goes without
        }
        ForecastAnalyzer.TeamAnalysis scoped = analyzer.analyzeTeam(new ForecastAnalyzer.Scope(context.runId(),
                context.settings().runDate(), context.playbook(), context.calendar(), quotas,
                context.settings().forecasting().calibrationMinDeals(), limits.topDeals(), context.previous()), team,
                context.weigher());
        if (scoped.deals() == 0) {
            return null;
        }
        DataQuality quality = stored.quality() == null ? null
                : dataQuality.ofTeam(stored.quality(), context.runId(), context.stageResolver(), team);
        return new ForecastReport(context.runId(), context.settings().runDate(), context.playbook().id(),
                context.playbook().name(), context.settings().reportingCurrency(), scoped.stages(),
                ForecastTotals.of(scoped.stages()), stored.counts(), history.findingCounts(context.runId(), team),
                Map.of(), List.of(), scoped.analysis(), quality, context.playbook(),
                context.settings().forecasting().calibrationMinDeals(), team);
    }

    /** The run's exchange rates and which export columns record which checklist items, for the deal sheets. */
    public WorkbookInputs workbookInputs(JobExecution execution) {
        RunContext context = contexts.of(execution);
        Map<String, WorkbookInputs.ExportChecklist> byFile = new LinkedHashMap<>();
        history.exportHeaders(context.runId()).forEach((file, headers) -> byFile.put(file,
                exportChecklist(headers, context.playbook(), context.readOptions().mapping())));
        List<String> items = context.playbook().stages().stream().flatMap(s -> s.checklist().stream())
                .filter(item -> item.check() != CheckKind.AUTO).map(ChecklistItem::id).distinct().toList();
        return new WorkbookInputs(context.fxRates().ratesTo(context.settings().reportingCurrency()), items, byFile,
                context.previousRunId(), file -> ExportRows.file(database, context.runId(), file));
    }

    /**
     * The checklist item each export column records, as ingest reads the header: the checklist column (ids done),
     * a column named by an item id or by the mapping file; the first column of an item counts.
     */
    static WorkbookInputs.ExportChecklist exportChecklist(List<String> headers, Playbook playbook,
            ColumnMapping mapping) {
        Map<String, String> itemsByKey = new HashMap<>();
        playbook.stages().forEach(s -> s.checklist().forEach(i -> itemsByKey.put(Names.normalize(i.id()), i.id())));
        List<String> itemByColumn = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int listColumn = -1;
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            CanonicalColumn column = mapping.columnFor(header);
            if (column == CanonicalColumn.CHECKLIST && listColumn < 0) {
                listColumn = i;
            }
            String mapped = mapping.itemFor(header);
            String item = column != null ? null : itemsByKey.get(Names.normalize(mapped != null ? mapped : header));
            itemByColumn.add(item != null && seen.add(item) ? item : null);
        }
        return new WorkbookInputs.ExportChecklist(itemByColumn, listColumn);
    }
}
