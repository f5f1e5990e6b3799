package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The table {@code forecast_call}: each run's call of the previous, the current and the next fiscal quarter, the
 * history behind the forecast trend and its accuracy. A few rows a night, never deleted.
 */
@Component
public class ForecastCalls {

    private static final String DELETE = """
            DELETE FROM forecast_call WHERE run_id = ?
            """;
    private static final String INSERT = """
            INSERT INTO forecast_call (run_id, quarter, closed_won, commit_amount, best_case, pipeline,
                weighted_reported, weighted_adjusted, quota)
            VALUES (?,?,?,?,?,?,?,?,?)
            """;
    /** A quarter's calls by the published runs (and one more run, tonight's), in run order. */
    private static final String OF_QUARTER = """
            SELECT r.run_date, c.closed_won, c.commit_amount, c.best_case, c.pipeline, c.weighted_reported,
                   c.weighted_adjusted, c.quota
            FROM forecast_call c JOIN forecast_run r ON r.run_id = c.run_id
            WHERE c.quarter = ? AND (r.status = 'PUBLISHED' OR r.run_id = ?)
            ORDER BY r.run_date, r.run_seq
            """;

    /** One run's call of one quarter. */
    public record Call(LocalDate runDate, BigDecimal closedWon, BigDecimal commit, BigDecimal bestCase,
            BigDecimal pipeline, BigDecimal weightedReported, BigDecimal weightedAdjusted, BigDecimal quota) {
    }

    /** What a run stores for one quarter. */
    public record Stored(String quarter, BigDecimal closedWon, BigDecimal commit, BigDecimal bestCase,
            BigDecimal pipeline, BigDecimal weightedReported, BigDecimal weightedAdjusted, BigDecimal quota) {
    }

    private final JdbcTemplate jdbc;

    public ForecastCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the run's calls (a restarted aggregate step writes them again). */
    public void store(long runId, List<Stored> calls) {
        jdbc.update(DELETE, runId);
        List<Object[]> rows = new ArrayList<>();
        for (Stored c : calls) {
            rows.add(new Object[] {runId, c.quarter(), c.closedWon(), c.commit(), c.bestCase(), c.pipeline(),
                c.weightedReported(), c.weightedAdjusted(), c.quota()});
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    /** The calls of a quarter night by night (the last run of a date wins), tonight's run included. */
    public List<Call> ofQuarter(String quarter, long tonight) {
        java.util.Map<LocalDate, Call> byDate = new java.util.LinkedHashMap<>();
        jdbc.query(OF_QUARTER, rs -> {
            LocalDate date = rs.getDate(1).toLocalDate();
            byDate.put(date, new Call(date, rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                    rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)));
        }, quarter, tonight);
        return List.copyOf(byDate.values());
    }
}
