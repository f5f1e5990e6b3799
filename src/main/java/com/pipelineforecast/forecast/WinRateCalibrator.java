package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Observed win rates per stage from history: of the deals seen open at a stage and closed since, the share that
 * was won. Each run records the deals that closed that night by the stages they had been seen at (carried from
 * run to run in the snapshot); the calibration sums those records. Each rate comes with the number of deals
 * behind it and a 95 % Wilson score interval.
 */
@Component
public class WinRateCalibrator {

    private static final double Z = 1.96;

    /** Outcomes per stage of the latest rerun of each earlier published date, and of the given run. */
    private static final String SUM_OUTCOMES_BY_STAGE = """
            SELECT o.stage_id, SUM(o.deals), SUM(o.won) FROM run_stage_outcome o JOIN forecast_run r
            ON r.run_id = o.run_id WHERE o.run_id = ? OR (r.status = 'PUBLISHED' AND r.run_date < ? AND
            r.run_seq = (SELECT MAX(x.run_seq) FROM forecast_run x WHERE x.run_date = r.run_date AND
            x.status = 'PUBLISHED')) GROUP BY o.stage_id
            """;
    private static final String DELETE_OUTCOMES = """
            DELETE FROM run_stage_outcome WHERE run_id = ?
            """;
    private static final String CREATE_OUTCOME = """
            INSERT INTO run_stage_outcome (run_id, stage_id, deals, won) VALUES (?,?,?,?)
            """;

    private final JdbcTemplate jdbc;

    public WinRateCalibrator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param includeRun a run whose closed deals count as outcomes too (tonight's), or null
     * @param minDeals stages with at least this many closed deals are marked used
     */
    public List<ForecastAnalysis.CalibrationLine> calibrate(Playbook playbook, LocalDate before, Long includeRun,
            int minDeals) {
        Map<String, long[]> counts = new HashMap<>();
        // the latest rerun of each earlier published date, and the given run
        jdbc.query(SUM_OUTCOMES_BY_STAGE, rs -> {
            counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }, includeRun == null ? -1L : includeRun, Date.valueOf(before));
        List<ForecastAnalysis.CalibrationLine> lines = new ArrayList<>();
        for (Stage stage : playbook.stages()) {
            if (!stage.isForecast()) {
                continue;
            }
            long[] c = counts.getOrDefault(stage.id(), new long[] {0, 0});
            lines.add(line(stage, c[0], c[1], minDeals));
        }
        return lines;
    }

    /**
     * Records the deals that closed on this run (closed now, open or unseen before) by the open stages they had
     * been seen at: a few rows per run, summed by {@link #calibrate}.
     *
     * @param closedBySeen deals closed tonight per set of stages seen (bit per stage order): deals, of them won
     */
    public void recordOutcomes(long runId, Playbook playbook, Map<Long, long[]> closedBySeen) {
        jdbc.update(DELETE_OUTCOMES, runId);
        Map<String, long[]> byStage = new HashMap<>();
        closedBySeen.forEach((seen, closed) -> {
            for (Stage stage : playbook.stages()) {
                if (stage.isForecast() && (seen & 1L << Math.min(stage.order(), 62)) != 0) {
                    long[] c = byStage.computeIfAbsent(stage.id(), id -> new long[2]);
                    c[0] += closed[0];
                    c[1] += closed[1];
                }
            }
        });
        byStage.forEach((stage, c) -> jdbc.update(CREATE_OUTCOME, runId, stage, c[0], c[1]));
    }

    /** The probabilities to weigh with: observed rates where enough deals back them, the playbook's elsewhere. */
    public static Map<String, BigDecimal> weights(List<ForecastAnalysis.CalibrationLine> lines) {
        Map<String, BigDecimal> weights = new HashMap<>();
        lines.stream().filter(ForecastAnalysis.CalibrationLine::used)
                .forEach(line -> weights.put(line.stage(), line.observedRate()));
        return weights;
    }

    static ForecastAnalysis.CalibrationLine line(Stage stage, long deals, long won, int minDeals) {
        if (deals == 0) {
            return new ForecastAnalysis.CalibrationLine(stage.id(), stage.probability(), 0, 0, null, null, null, false);
        }
        double p = (double) won / deals;
        double z2 = Z * Z;
        double denominator = 1 + z2 / deals;
        double center = (p + z2 / (2.0 * deals)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / deals + z2 / (4.0 * deals * deals)) / denominator;
        BigDecimal rate = BigDecimal.valueOf(won).divide(BigDecimal.valueOf(deals), new MathContext(10))
                .setScale(4, RoundingMode.HALF_UP);
        return new ForecastAnalysis.CalibrationLine(stage.id(), stage.probability(), deals, won, rate,
                BigDecimal.valueOf(Math.max(0, center - half)).setScale(4, RoundingMode.HALF_UP),
                BigDecimal.valueOf(Math.min(1, center + half)).setScale(4, RoundingMode.HALF_UP), deals >= minDeals);
    }
}
