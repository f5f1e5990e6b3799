package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Money;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;
import com.pipelineforecast.validation.DealWeigher;

/**
 * Groups a run's snapshot by claimed stage in SQL (never a list of deals in memory) and stores the
 * selling-cycle table, one row per playbook stage, so renderers read a few rows instead of the snapshot.
 */
@Component
public class ForecastAggregator {

    private static final String DELETE_STAGE_TOTALS = """
            DELETE FROM forecast_stage_total WHERE run_id = ?
            """;
    private static final String CREATE_STAGE_TOTAL = """
            INSERT INTO forecast_stage_total (run_id, stage_id, stage_order, deals, amount, weighted_reported,
                weighted_adjusted)
            VALUES (?,?,?,?,?,?,?)
            """;
    private static final String FIND_STAGE_TOTALS = """
            SELECT stage_id, deals, amount, weighted_reported, weighted_adjusted FROM forecast_stage_total
            WHERE run_id = ?
            """;

    private final JdbcTemplate jdbc;

    public ForecastAggregator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the selling-cycle sums of a run, gathered by the analysis pass over its snapshot. */
    void store(long runId, SnapshotRollup rollup) {
        jdbc.update(DELETE_STAGE_TOTALS, runId);
        List<Object[]> rows = new ArrayList<>();
        rollup.stages.forEach((stage, sums) -> rows.add(new Object[] {runId, stage, rollup.stageOrders.get(stage),
            sums.deals, sums.amount, sums.weighted, sums.adjusted}));
        jdbc.batchUpdate(CREATE_STAGE_TOTAL, rows);
    }

    /** The selling-cycle table of a run: every stage of the playbook in order, zeros where no deal claims it. */
    public List<StageTotal> stageTotals(long runId, Playbook playbook, DealWeigher weigher) {
        Map<String, Object[]> rows = new HashMap<>();
        jdbc.query(FIND_STAGE_TOTALS, rs -> {
            rows.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5)});
        }, runId);
        return stageTotals(rows, playbook, weigher);
    }

    /** The selling-cycle table of the deals a pass gathered (a team's), not stored. */
    static List<StageTotal> stageTotals(SnapshotRollup rollup, Playbook playbook, DealWeigher weigher) {
        Map<String, Object[]> rows = new HashMap<>();
        rollup.stages.forEach((stage, sums) -> rows.put(stage, new Object[] {sums.deals, sums.amount, sums.weighted,
            sums.adjusted}));
        return stageTotals(rows, playbook, weigher);
    }

    private static List<StageTotal> stageTotals(Map<String, Object[]> rows, Playbook playbook, DealWeigher weigher) {
        List<StageTotal> totals = new ArrayList<>();
        for (Stage stage : playbook.stages()) {
            Object[] row = rows.getOrDefault(stage.id(), new Object[] {0L, Money.ZERO, Money.ZERO, Money.ZERO});
            totals.add(new StageTotal(stage.id(), stage.name(), stage.order(), stage.category().id(), stage.isOpen(),
                    stage.lead(), stage.outcome() == Outcome.WON, (Long) row[0],
                    scaled(row[1]), weigher.probability(stage), scaled(row[2]), scaled(row[3])));
        }
        return totals;
    }

    private static BigDecimal scaled(Object value) {
        return Money.round((BigDecimal) value);
    }
}
