package com.pipelineforecast.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.validation.DataQuality;

/**
 * {@code run.json}: what a run read, counted, computed and wrote. Field names are a contract with operators'
 * monitoring: add fields, never rename. Amounts are strings with two decimals in the reporting currency.
 */
public record RunManifest(String runDate, String playbook, String reportingCurrency, List<Input> inputs,
        Counts counts, Totals totals, List<StageLine> byStage, Leads leads, Map<String, Long> findings,
        Map<String, Long> rejectedReasons, List<String> missingFxRates, List<Output> outputs,
        Map<String, Long> timings, Run run, @JsonUnwrapped ForecastAnalysis analysis,
        @JsonUnwrapped DataQuality quality) {

    /**
     * Which run wrote the manifest: its id in the history, its number for the date (2 and up are reruns) and when
     * it was first started. A restart finding these in the published run.json knows its reports are in place.
     */
    public record Run(long id, long number, String started) {
    }

    /** Deals in lead stages: counted and listed, never weighted. */
    public record Leads(long deals, String amount) {
    }

    /** {@code rows} = deals + rejected rows of the file; {@code skipped} = its title and footer lines. */
    public record Input(String file, long bytes, String sha256, long rows, long skipped) {
    }

    public record Counts(long read, long accepted, long rejected, long skipped) {
    }

    public record Totals(String openAmount, String weightedAsReported, String weightedChecklistAdjusted,
            String closedWon) {
    }

    public record StageLine(String stage, long deals, String amount, String probability, String weighted,
            String weightedChecklistAdjusted) {
    }

    public record Output(String file, String sha256) {
    }
}
