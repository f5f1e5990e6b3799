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
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.CanonicalColumn;
import com.pipelineforecast.ingest.ColumnMapping;
import com.pipelineforecast.playbook.CheckKind;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.report.ForecastReport;
import com.pipelineforecast.report.WorkbookInputs;

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
                stored.analysis(), stored.quality(), context.playbook(),
                context.settings().forecasting().calibrationMinDeals());
    }

    /** The run's exchange rates and which export columns record which checklist items, for the deal sheets. */
    public WorkbookInputs workbookInputs(JobExecution execution) {
        RunContext context = contexts.of(execution);
        Map<String, WorkbookInputs.ExportChecklist> byFile = new LinkedHashMap<>();
        history.exportHeaders(context.runId()).forEach((file, headers) -> byFile.put(file,
                exportChecklist(headers, context.playbook(), context.readOptions().mapping())));
        List<String> items = context.playbook().stages().stream().flatMap(s -> s.checklist().stream())
                .filter(item -> item.check() != CheckKind.AUTO).map(ChecklistItem::id).distinct().toList();
        return new WorkbookInputs(context.fxRates().ratesTo(context.settings().reportingCurrency()), items, byFile);
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
