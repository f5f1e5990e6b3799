package com.pipelineforecast.forecast;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps a run's {@link ForecastAnalysis} as JSON beside its snapshot, computed once, read by every renderer. */
@Component
public class AnalysisStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = Json.mapper();

    public AnalysisStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(long runId, ForecastAnalysis analysis) {
        try {
            String content = json.writeValueAsString(analysis);
            jdbc.update("DELETE FROM forecast_analysis WHERE run_id = ?", runId);
            jdbc.update("INSERT INTO forecast_analysis (run_id, content) VALUES (?, ?)", runId, content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the analysis of run " + runId, e);
        }
    }

    public ForecastAnalysis load(long runId) {
        String content = jdbc.queryForObject("SELECT content FROM forecast_analysis WHERE run_id = ?", String.class,
                runId);
        try {
            return json.readValue(content, ForecastAnalysis.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the analysis of run " + runId, e);
        }
    }
}
