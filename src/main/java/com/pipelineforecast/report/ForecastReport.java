package com.pipelineforecast.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.validation.DataQuality;

/** Everything the renderers need about a run, as plain data; deal rows are streamed separately. */
public record ForecastReport(long runId, LocalDate runDate, String playbookId, String playbookName,
        String reportingCurrency, List<StageTotal> stages, ForecastTotals totals, RunCounts counts,
        Map<String, Long> findingCounts, Map<String, Long> rejectedReasons, List<String> missingFxRates,
        ForecastAnalysis analysis, DataQuality quality, Playbook playbook, int calibrationMinDeals, String team) {

    /** The night's report (of every team). */
    public ForecastReport(long runId, LocalDate runDate, String playbookId, String playbookName,
            String reportingCurrency, List<StageTotal> stages, ForecastTotals totals, RunCounts counts,
            Map<String, Long> findingCounts, Map<String, Long> rejectedReasons, List<String> missingFxRates,
            ForecastAnalysis analysis, DataQuality quality, Playbook playbook, int calibrationMinDeals) {
        this(runId, runDate, playbookId, playbookName, reportingCurrency, stages, totals, counts, findingCounts,
                rejectedReasons, missingFxRates, analysis, quality, playbook, calibrationMinDeals, null);
    }

    /** The reconciliation line printed under every report; a team's report names the team and its share. */
    public String reconciliation() {
        if (team != null) {
            long deals = stages.stream().mapToLong(StageTotal::deals).sum();
            return String.format("Team %s only: %,d of the night's %,d deals (rows read %,d, rejected %,d: see the "
                    + "full report)", team, deals, counts.accepted(), counts.read(), counts.rejected());
        }
        return String.format("Rows read %,d = deals %,d + rejected %,d (listed in rejected.csv)", counts.read(),
                counts.accepted(), counts.rejected());
    }

    /** The banner of a night that rejected more rows than {@code --max-rejected} allows, or null. */
    public String incompleteBanner() {
        return quality == null ? null : quality.incomplete();
    }

    /** How much of the checklists the exports carry, in one sentence (the PDF's and the workbook's words). */
    public String coverageNote() {
        if (quality == null) {
            return null;
        }
        DataQuality.ChecklistCoverage c = quality.checklistCoverage();
        if (c.none()) {
            return "checklists not in the export: not assessed (the checklist-adjusted forecast equals the reported one)";
        }
        return String.format("%d of %d checklist items exported; %,d of %,d open deals assessed", c.itemsExported(),
                c.itemsInPlaybook(), c.dealsAssessed(), c.dealsAssessed() + c.dealsNotAssessed());
    }
}
