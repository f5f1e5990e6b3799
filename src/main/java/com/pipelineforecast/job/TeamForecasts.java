package com.pipelineforecast.job;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.Json;
import com.pipelineforecast.report.ForecastPdfRenderer;
import com.pipelineforecast.report.ForecastReport;

/**
 * A team's forecast.pdf for its recipients: the team's analysis is computed from the published run's snapshot by
 * the aggregate step's passes restricted to the team ({@link ForecastReports#ofTeam}), then rendered by the
 * night's renderer. One team at a time: memory holds one team's aggregates, never a list of deals.
 */
@Component
public class TeamForecasts implements TeamReports {

    private final JobRepository jobRepository;
    private final ForecastReports reports;
    private final RunContexts contexts;
    private final ForecastPdfRenderer pdf;
    private final com.pipelineforecast.history.RunHistory history;

    public TeamForecasts(JobRepository jobRepository, ForecastReports reports, RunContexts contexts,
            ForecastPdfRenderer pdf, com.pipelineforecast.history.RunHistory history) {
        this.history = history;
        this.jobRepository = jobRepository;
        this.reports = reports;
        this.contexts = contexts;
        this.pdf = pdf;
    }

    @Override
    public java.util.List<String> teams(long runId) {
        return history.teams(runId);
    }

    @Override
    public Rendered render(long runId, String team, Path folder, String fileName) throws IOException {
        JobInstance instance = jobRepository.getJobInstance(runId);
        JobExecution execution = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (execution == null) {
            throw new IllegalStateException("run " + runId + " is not in the job repository");
        }
        try {
            ForecastReport report = reports.ofTeam(execution, team);
            if (report == null) {
                return null;
            }
            return new Rendered(pdf.render(report, folder, fileName), figures(report));
        } finally {
            contexts.release(execution);
        }
    }

    /** The team's key figures, named as run.json names the night's. */
    private static ObjectNode figures(ForecastReport report) {
        ObjectNode figures = Json.mapper().createObjectNode();
        ObjectNode totals = figures.putObject("totals");
        totals.put("openAmount", report.totals().openAmount().toPlainString());
        totals.put("weightedAsReported", report.totals().weightedAsReported().toPlainString());
        totals.put("weightedChecklistAdjusted", report.totals().weightedChecklistAdjusted().toPlainString());
        totals.put("closedWon", report.totals().closedWon().toPlainString());
        ForecastAnalysis analysis = report.analysis();
        figures.put("currentQuarter", analysis.currentQuarter());
        figures.put("closedWonThisQuarter", analysis.closedWonThisQuarter().toPlainString());
        ArrayNode periods = figures.putArray("periods");
        for (ForecastAnalysis.PeriodLine line : analysis.periods()) {
            periods.addObject().put("period", line.period()).put("weighted", line.weighted().toPlainString())
                    .put("weightedChecklistAdjusted", line.weightedChecklistAdjusted().toPlainString());
        }
        figures.put("team", report.team());
        figures.put("teamDeals", report.stages().stream().mapToLong(s -> s.deals()).sum());
        return figures;
    }
}
