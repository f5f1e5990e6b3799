package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Computes a run's {@link ForecastAnalysis} from its snapshot and the history, all in SQL (grouped results only
 * come into memory, never a list of deals).
 */
@Component
public class ForecastAnalyzer {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final String FORECAST = "is_open AND NOT is_lead";
    private static final String OPEN_SUMS = "SUM(CASE WHEN " + FORECAST + " THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN " + FORECAST + " THEN amount_reporting ELSE 0 END), "
            + "SUM(CASE WHEN " + FORECAST + " THEN weighted_reported ELSE 0 END), "
            + "SUM(CASE WHEN " + FORECAST + " THEN weighted_adjusted ELSE 0 END), "
            + "SUM(CASE WHEN is_won THEN 1 ELSE 0 END), SUM(CASE WHEN is_won THEN amount_reporting ELSE 0 END)";

    private final JdbcTemplate jdbc;
    private final WinRateCalibrator calibrator;
    private final RunHistory history;
    private final MovementAnalyzer movement;
    private final WatchlistCollector watchlists;

    public ForecastAnalyzer(JdbcTemplate jdbc, WinRateCalibrator calibrator, RunHistory history,
            MovementAnalyzer movement, WatchlistCollector watchlists) {
        this.watchlists = watchlists;
        this.jdbc = jdbc;
        this.calibrator = calibrator;
        this.history = history;
        this.movement = movement;
    }

    private String runDate(long runId) {
        return jdbc.queryForObject("SELECT run_date FROM forecast_run WHERE run_id = ?", Date.class, runId)
                .toLocalDate().toString();
    }

    /** What the analysis needs besides the snapshot. */
    public record Scope(long runId, LocalDate runDate, Playbook playbook, FiscalCalendar calendar,
            List<QuotaFile.Quota> quotas, int calibrationMinDeals, int topDeals) {
    }

    public ForecastAnalysis analyze(Scope scope) {
        Optional<Long> previous = history.previousRun(scope.runDate());
        calibrator.recordOutcomes(scope.runId(), scope.runDate(), scope.playbook());
        int current = scope.calendar().quarterKey(scope.runDate());
        List<ForecastAnalysis.OwnerLine> owners = owners(scope.runId());
        MovementAnalyzer.Result moved = movement.movement(scope.runId(), previous.orElse(null),
                previous.map(this::runDate).orElse(null), scope.topDeals());
        return new ForecastAnalysis(scope.calendar().startMonth(), FiscalCalendar.label(current),
                money(jdbc.queryForObject("SELECT SUM(amount_reporting) FROM deal_snapshot WHERE run_id = ? AND is_won "
                        + "AND close_quarter = ?", BigDecimal.class, scope.runId(), current)),
                periods(scope, current), owners, teams(owners), categories(scope.runId()),
                crmCategories(scope.runId()), moved.movement(), aging(scope),
                calibrator.calibrate(scope.playbook(), scope.runDate(), scope.runId(), scope.calibrationMinDeals()),
                quotas(scope), watchlists.collect(scope.runId(), scope.runDate(), scope.playbook(), scope.topDeals(),
                        moved.slipped()));
    }

    private List<ForecastAnalysis.PeriodLine> periods(Scope scope, int current) {
        String bucket = "CASE WHEN close_date IS NULL THEN -1 WHEN close_date < ? THEN 0 ELSE close_quarter END";
        Map<String, Integer> order = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        jdbc.query("SELECT bucket, claimed_stage, COUNT(*), SUM(amount_reporting), SUM(weighted_reported), "
                + "SUM(weighted_adjusted) FROM (SELECT " + bucket + " AS bucket, claimed_stage, amount_reporting, "
                + "weighted_reported, weighted_adjusted FROM deal_snapshot WHERE run_id = ? AND " + FORECAST + ") t "
                + "GROUP BY bucket, claimed_stage", rs -> {
                    int key = rs.getInt(1);
                    String period = FiscalCalendar.periodOfKey(key, current);
                    int sort = key == -1 ? Integer.MAX_VALUE : key == 0 ? 0
                            : key > FiscalCalendar.plusQuarters(current, 4) ? Integer.MAX_VALUE - 1 : key;
                    rows.add(new Object[] {period, rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), sort});
                }, Date.valueOf(scope.runDate()), scope.runId());
        // periods with no deal still appear: the current and the next four quarters
        Map<String, ForecastAnalysis.PeriodLine> lines = new LinkedHashMap<>();
        Map<String, Integer> stageOrder = new LinkedHashMap<>();
        scope.playbook().stages().forEach(s -> stageOrder.put(s.id(), s.order()));
        for (Object[] row : rows) {
            String key = row[0] + "|" + row[1];
            ForecastAnalysis.PeriodLine line = lines.get(key);
            lines.put(key, new ForecastAnalysis.PeriodLine((String) row[0], (String) row[1],
                    (line == null ? 0 : line.deals()) + (Long) row[2], add(line == null ? null : line.amount(), row[3]),
                    add(line == null ? null : line.weighted(), row[4]),
                    add(line == null ? null : line.weightedChecklistAdjusted(), row[5])));
            order.merge((String) row[0], (Integer) row[6], Math::min);
        }
        for (int i = 0; i <= 4; i++) {
            order.putIfAbsent(FiscalCalendar.label(FiscalCalendar.plusQuarters(current, i)),
                    FiscalCalendar.plusQuarters(current, i));
        }
        List<ForecastAnalysis.PeriodLine> result = new ArrayList<>();
        order.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(period -> {
            List<ForecastAnalysis.PeriodLine> ofPeriod = lines.values().stream()
                    .filter(l -> l.period().equals(period.getKey()))
                    .sorted(Comparator.comparing(l -> stageOrder.getOrDefault(l.stage(), 0))).toList();
            if (ofPeriod.isEmpty()) {
                result.add(new ForecastAnalysis.PeriodLine(period.getKey(), null, 0, ZERO, ZERO, ZERO));
            }
            result.addAll(ofPeriod);
        });
        return result;
    }

    private List<ForecastAnalysis.OwnerLine> owners(long runId) {
        List<ForecastAnalysis.OwnerLine> owners = new ArrayList<>();
        jdbc.query("SELECT COALESCE(team, '(no team)'), COALESCE(owner_name, '(no owner)'), " + OPEN_SUMS
                + " FROM deal_snapshot WHERE run_id = ? GROUP BY COALESCE(team, '(no team)'), "
                + "COALESCE(owner_name, '(no owner)') ORDER BY 1, 2", rs -> {
                    owners.add(new ForecastAnalysis.OwnerLine(rs.getString(1), rs.getString(2), rs.getLong(3),
                            money(rs.getBigDecimal(4)), money(rs.getBigDecimal(5)), money(rs.getBigDecimal(6)),
                            rs.getLong(7), money(rs.getBigDecimal(8))));
                }, runId);
        return owners;
    }

    private static List<ForecastAnalysis.TeamLine> teams(List<ForecastAnalysis.OwnerLine> owners) {
        Map<String, List<ForecastAnalysis.OwnerLine>> byTeam = new LinkedHashMap<>();
        owners.forEach(o -> byTeam.computeIfAbsent(o.team(), t -> new ArrayList<>()).add(o));
        List<ForecastAnalysis.TeamLine> teams = new ArrayList<>();
        byTeam.forEach((team, members) -> teams.add(new ForecastAnalysis.TeamLine(team,
                members.stream().mapToLong(ForecastAnalysis.OwnerLine::openDeals).sum(),
                sum(members.stream().map(ForecastAnalysis.OwnerLine::openAmount).toList()),
                sum(members.stream().map(ForecastAnalysis.OwnerLine::weighted).toList()),
                sum(members.stream().map(ForecastAnalysis.OwnerLine::weightedChecklistAdjusted).toList()),
                sum(members.stream().map(ForecastAnalysis.OwnerLine::closedWon).toList()),
                members.stream().map(ForecastAnalysis.OwnerLine::owner).toList())));
        return teams;
    }

    private List<ForecastAnalysis.CategoryLine> categories(long runId) {
        Map<String, ForecastAnalysis.CategoryLine> lines = new LinkedHashMap<>();
        for (String category : List.of("pipeline", "best_case", "commit", "closed", "omitted")) {
            lines.put(category, new ForecastAnalysis.CategoryLine(category, 0, ZERO, ZERO, ZERO));
        }
        jdbc.query("SELECT category, COUNT(*), SUM(amount_reporting), SUM(CASE WHEN " + FORECAST
                + " THEN weighted_reported ELSE 0 END), SUM(CASE WHEN " + FORECAST + " THEN weighted_adjusted ELSE 0 "
                + "END) FROM deal_snapshot WHERE run_id = ? GROUP BY category", rs -> {
                    lines.put(rs.getString(1), new ForecastAnalysis.CategoryLine(rs.getString(1), rs.getLong(2),
                            money(rs.getBigDecimal(3)), money(rs.getBigDecimal(4)), money(rs.getBigDecimal(5))));
                }, runId);
        return List.copyOf(lines.values());
    }

    private List<ForecastAnalysis.CategoryPair> crmCategories(long runId) {
        List<ForecastAnalysis.CategoryPair> pairs = new ArrayList<>();
        jdbc.query("SELECT category, crm_forecast_category, COUNT(*), SUM(amount_reporting) FROM deal_snapshot "
                + "WHERE run_id = ? AND crm_forecast_category IS NOT NULL GROUP BY category, crm_forecast_category "
                + "ORDER BY 1, 2", rs -> {
                    pairs.add(new ForecastAnalysis.CategoryPair(rs.getString(1), rs.getString(2), rs.getLong(3),
                            money(rs.getBigDecimal(4))));
                }, runId);
        return pairs;
    }

    private List<ForecastAnalysis.AgingLine> aging(Scope scope) {
        Map<String, ForecastAnalysis.AgingLine> lines = new LinkedHashMap<>();
        jdbc.query("SELECT claimed_stage, stage_since FROM deal_snapshot WHERE run_id = ? AND " + FORECAST
                + " AND stage_since IS NOT NULL", rs -> {
                    // grouped in Java: date arithmetic differs between databases; one pass, one line per stage
                    long days = Math.max(0, scope.runDate().toEpochDay() - rs.getDate(2).toLocalDate().toEpochDay());
                    lines.merge(rs.getString(1), new ForecastAnalysis.AgingLine(rs.getString(1), 1, days, days,
                            days > 90 ? 1 : 0), ForecastAnalyzer::mergeAging);
                }, scope.runId());
        List<ForecastAnalysis.AgingLine> result = new ArrayList<>();
        for (Stage stage : scope.playbook().stages()) {
            ForecastAnalysis.AgingLine line = lines.get(stage.id());
            if (line != null) {
                result.add(new ForecastAnalysis.AgingLine(line.stage(), line.deals(), line.averageDays() / line.deals(),
                        line.maxDays(), line.over90Days()));
            }
        }
        return result;
    }

    /** While streaming, averageDays holds the sum; it is divided at the end. */
    private static ForecastAnalysis.AgingLine mergeAging(ForecastAnalysis.AgingLine a, ForecastAnalysis.AgingLine b) {
        return new ForecastAnalysis.AgingLine(a.stage(), a.deals() + b.deals(), a.averageDays() + b.averageDays(),
                Math.max(a.maxDays(), b.maxDays()), a.over90Days() + b.over90Days());
    }

    private List<ForecastAnalysis.QuotaLine> quotas(Scope scope) {
        List<ForecastAnalysis.QuotaLine> lines = new ArrayList<>();
        for (QuotaFile.Quota quota : scope.quotas()) {
            Object[] sums = jdbc.queryForObject("SELECT SUM(CASE WHEN is_won THEN amount_reporting ELSE 0 END), "
                    + "SUM(CASE WHEN " + FORECAST + " THEN amount_reporting ELSE 0 END), SUM(CASE WHEN " + FORECAST
                    + " THEN weighted_reported ELSE 0 END) FROM deal_snapshot WHERE run_id = ? AND (owner_name = ? OR "
                    + "team = ?) AND close_quarter BETWEEN ? AND ?", (rs, n) -> new Object[] {money(rs.getBigDecimal(1)),
                        money(rs.getBigDecimal(2)), money(rs.getBigDecimal(3))}, scope.runId(), quota.ownerOrTeam(),
                    quota.ownerOrTeam(), quota.fromQuarter(), quota.toQuarter());
            BigDecimal won = (BigDecimal) sums[0];
            BigDecimal open = (BigDecimal) sums[1];
            BigDecimal remaining = quota.amount().subtract(won).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            lines.add(new ForecastAnalysis.QuotaLine(quota.ownerOrTeam(), quota.period(),
                    quota.amount().setScale(2, RoundingMode.HALF_UP), won, ratio(won, quota.amount()), open,
                    (BigDecimal) sums[2], remaining, remaining.signum() == 0 ? null : ratio(open, remaining)));
        }
        return lines;
    }

    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal add(BigDecimal a, Object b) {
        return money(a == null ? (BigDecimal) b : a.add((BigDecimal) b));
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(ZERO, BigDecimal::add);
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_UP);
    }
}
