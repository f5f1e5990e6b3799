package com.pipelineforecast.job;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders the forecast of one team's deals of a published run, for the team's recipients. */
public interface TeamReports {

    /**
     * The team's forecast.pdf, written into {@code folder} under {@code fileName}, and its key figures in the shape
     * of run.json ({@code totals}, {@code periods}, {@code closedWonThisQuarter}, {@code currentQuarter}); null when
     * the run has no deal of that team.
     */
    Rendered render(long runId, String team, Path folder, String fileName) throws IOException;

    /** The teams of the run's deals, in name order. */
    java.util.List<String> teams(long runId);

    record Rendered(Path pdf, ObjectNode figures) {
    }
}
