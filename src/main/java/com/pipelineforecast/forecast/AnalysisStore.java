package com.pipelineforecast.forecast;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.validation.DataQuality;

/** Keeps a run's {@link ForecastAnalysis} and counts as JSON beside its snapshot, computed once, read by every renderer. */
@Component
public class AnalysisStore {

    private static final String DELETE_ANALYSIS = """
            DELETE FROM forecast_analysis WHERE run_id = ?
            """;
    private static final String CREATE_ANALYSIS = """
            INSERT INTO forecast_analysis (run_id, content) VALUES (?, ?)
            """;
    private static final String FIND_CONTENT = """
            SELECT content FROM forecast_analysis WHERE run_id = ?
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = Json.mapper();

    public AnalysisStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the aggregate step computed once for the renderers and run.json. */
    public record Stored(ForecastAnalysis analysis, RunCounts counts, Map<String, Long> findingCounts,
            DataQuality quality) {
    }

    public void save(long runId, Stored stored) {
        try {
            String content = json.writeValueAsString(stored);
            jdbc.update(DELETE_ANALYSIS, runId);
            jdbc.update(CREATE_ANALYSIS, runId, content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the analysis of run " + runId, e);
        }
    }

    public Stored load(long runId) {
        String content = jdbc.queryForObject(FIND_CONTENT, String.class, runId);
        try {
            return json.readValue(content, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the analysis of run " + runId, e);
        }
    }

    /** The stored JSON of a run's analysis as it is, when the run got as far as storing it. */
    public java.util.Optional<String> content(long runId) {
        return jdbc.queryForList(FIND_CONTENT, String.class, runId).stream().findFirst();
    }
}
