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
 * Observed win rates per stage from history: of the deals seen open at a stage in a published run before the
 * given date and closed since (won or lost, in any run up to it), the share that was won. Each rate comes with
 * the number of deals behind it and a 95 % Wilson score interval.
 */
@Component
public class WinRateCalibrator {

    private static final double Z = 1.96;

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
        jdbc.query("SELECT h.claimed_stage, COUNT(DISTINCT h.deal_id), "
                + "COUNT(DISTINCT CASE WHEN o.won = 1 THEN h.deal_id END) FROM deal_snapshot h "
                + "JOIN forecast_run r ON r.run_id = h.run_id AND r.status = 'PUBLISHED' AND r.run_date < ? "
                + "JOIN (SELECT c.deal_id, MAX(CASE WHEN c.is_won THEN 1 ELSE 0 END) AS won FROM deal_snapshot c "
                + "JOIN forecast_run cr ON cr.run_id = c.run_id WHERE NOT c.is_open AND (cr.run_id = ? OR "
                + "(cr.status = 'PUBLISHED' AND cr.run_date <= ?)) GROUP BY c.deal_id) o ON o.deal_id = h.deal_id "
                + "WHERE h.is_open AND NOT h.is_lead GROUP BY h.claimed_stage", rs -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }, Date.valueOf(before), includeRun == null ? -1L : includeRun, Date.valueOf(before));
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
