package com.pipelineforecast.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.RunCounts;

/** Everything the renderers need about a run, as plain data; deal rows are streamed separately. */
public record ForecastReport(long runId, LocalDate runDate, String playbookId, String playbookName,
        String reportingCurrency, List<StageTotal> stages, ForecastTotals totals, RunCounts counts,
        Map<String, Long> findingCounts, Map<String, Long> rejectedReasons, List<String> missingFxRates,
        ForecastAnalysis analysis) {

    /** The reconciliation line printed under every report. */
    public String reconciliation() {
        return String.format("Rows read %,d = deals %,d + rejected %,d (listed in rejected.csv)", counts.read(),
                counts.accepted(), counts.rejected());
    }
}
