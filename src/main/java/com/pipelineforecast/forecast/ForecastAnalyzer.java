package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.history.ForecastCalls;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.ForecastRunRepository;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;
import com.pipelineforecast.validation.DealWeigher;

/**
 * Computes a run's {@link ForecastAnalysis} from its snapshot and the history: one streaming pass for the sums
 * ({@link SnapshotRollup}), the movement merge, calibration and watchlists. Only grouped figures come into memory,
 * never a list of deals.
 */
@Component
public class ForecastAnalyzer {


    private final RunDeals runDeals;
    private final WinRateCalibrator calibrator;
    private final RunHistory history;
    private final MovementAnalyzer movement;
    private final WatchlistCollector watchlists;
    private final ForecastAggregator aggregator;
    private final ForecastCalls calls;

    public ForecastAnalyzer(RunDeals runDeals, WinRateCalibrator calibrator, RunHistory history,
            MovementAnalyzer movement, WatchlistCollector watchlists, ForecastAggregator aggregator,
            ForecastCalls calls) {
        this.calls = calls;
        this.aggregator = aggregator;
        this.watchlists = watchlists;
        this.runDeals = runDeals;
        this.calibrator = calibrator;
        this.history = history;
        this.movement = movement;
    }

    /** What the analysis needs besides the snapshot; {@code previous} is the run tonight is compared with. */
    public record Scope(long runId, LocalDate runDate, Playbook playbook, FiscalCalendar calendar,
            List<QuotaFile.Quota> quotas, int calibrationMinDeals, int topDeals,
            ForecastRunRepository.PreviousRun previous) {

        Scope withQuotas(List<QuotaFile.Quota> other) {
            return new Scope(runId, runDate, playbook, calendar, other, calibrationMinDeals, topDeals, previous);
        }
    }

    /** The run's analysis; the selling-cycle table is stored on the way (see {@link ForecastAggregator}). */
    public ForecastAnalysis analyze(Scope scope) {
        int current = scope.calendar().quarterKey(scope.runDate());
        // the comparison with the previous run reads both snapshots on a thread of its own while the rollup reads
        // tonight's: two cores, two passes at once
        ExecutorService movementThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "movement"));
        try {
            Future<MovementAnalyzer.Result> moved = movementThread.submit(() -> moved(scope, null));
            WatchlistCollector.Gathering gathering = new WatchlistCollector.Gathering(scope.runDate(), scope.topDeals());
            SnapshotRollup rollup = SnapshotRollup.of(runDeals, scope.runId(), scope.runDate(), current,
                    quotaNames(scope), null, gathering::offer);
            aggregator.store(scope.runId(), rollup);
            calibrator.recordOutcomes(scope.runId(), scope.playbook(), rollup.closedTonightBySeen);
            return analysis(scope, current, rollup, gathering, null, result(moved));
        } finally {
            movementThread.shutdownNow();
        }
    }

    private MovementAnalyzer.Result moved(Scope scope, String team) {
        ForecastRunRepository.PreviousRun previous = scope.previous();
        return movement.movement(scope.runId(), previous == null ? null : previous.runId(),
                previous == null ? null : previous.runDate().toString(), scope.topDeals(), team);
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One team's part of a run: its analysis and its selling-cycle table, and how many deals it has. */
    public record TeamAnalysis(String team, long deals, ForecastAnalysis analysis, List<StageTotal> stages) {
    }

    /**
     * The analysis of one team's deals, by the same passes as the run's ({@link #analyze}) restricted to the team;
     * nothing is stored. Calibration (win rates observed in the history) is the run's, as it weighs every deal.
     */
    public TeamAnalysis analyzeTeam(Scope scope, String team, DealWeigher weigher) {
        int current = scope.calendar().quarterKey(scope.runDate());
        WatchlistCollector.Gathering gathering = new WatchlistCollector.Gathering(scope.runDate(), scope.topDeals());
        SnapshotRollup rollup = SnapshotRollup.of(runDeals, scope.runId(), scope.runDate(), current,
                quotaNames(scope), team, gathering::offer);
        long deals = rollup.stages.values().stream().mapToLong(s -> s.deals).sum();
        return new TeamAnalysis(team, deals, analysis(scope, current, rollup, gathering, team, moved(scope, team)),
                ForecastAggregator.stageTotals(rollup, scope.playbook(), weigher));
    }

    private static Set<String> quotaNames(Scope scope) {
        Set<String> quotaNames = new HashSet<>();
        scope.quotas().forEach(q -> quotaNames.add(q.ownerOrTeam()));
        return quotaNames;
    }

    private ForecastAnalysis analysis(Scope scope, int current, SnapshotRollup rollup,
            WatchlistCollector.Gathering gathering, String team, MovementAnalyzer.Result moved) {
        List<ForecastAnalysis.OwnerLine> owners = owners(rollup);
        WatchlistCollector.Collected collected = watchlists.collected(gathering, scope.runId(), scope.playbook(),
                moved.slipped(), team);
        Scope quotaScope = team == null ? scope : scope.withQuotas(teamQuotas(scope, rollup, team));
        int previousQuarter = FiscalCalendar.plusQuarters(current, -1);
        int nextQuarter = FiscalCalendar.plusQuarters(current, 1);
        ForecastAnalysis.QuarterCall previousCall = call(previousQuarter, rollup.calls.get(previousQuarter),
                quota(quotaScope, rollup, previousQuarter, null));
        ForecastAnalysis.QuarterCall currentCall = call(current, rollup.calls.get(current),
                quota(quotaScope, rollup, current, null));
        ForecastAnalysis.QuarterCall nextCall = call(nextQuarter, rollup.calls.get(nextQuarter),
                quota(quotaScope, rollup, nextQuarter, null));
        if (team == null) {
            // the night's call is its history; a team's report stores nothing
            calls.store(scope.runId(), List.of(stored(previousCall), stored(currentCall), stored(nextCall)));
        }
        return new ForecastAnalysis(scope.calendar().startMonth(), FiscalCalendar.label(current),
                money(rollup.closedWonThisQuarter), currentCall, nextCall,
                rollupLines(quotaScope, current, rollup), periods(scope, current, rollup),
                months(scope, current, rollup),
                fiscalYears(scope, rollup), owners, teams(owners),
                categories(rollup), crmCategories(rollup), moved.movement(), aging(scope, rollup),
                calibrator.calibrate(scope.playbook(), scope.runDate(), scope.runId(), scope.calibrationMinDeals()),
                quotas(quotaScope, rollup), collected.watchlists(), collected.actions(),
                // the trend and the accuracy come from the calls stored night by night, which are the night's
                team == null ? trend(scope.runId(), currentCall.quarter()) : List.of(),
                team == null ? accuracy(scope.runId(), previousCall, scope.calendar().start(current).minusDays(1))
                        : null);
    }


    /** The quotas that concern one team: the team's own and those of its owners. */
    private static List<QuotaFile.Quota> teamQuotas(Scope scope, SnapshotRollup rollup, String team) {
        Set<String> names = new HashSet<>();
        names.add(team);
        rollup.owners.values().forEach(members -> names.addAll(members.keySet()));
        return scope.quotas().stream().filter(q -> names.contains(q.ownerOrTeam())).toList();
    }

    private static ForecastCalls.Stored stored(ForecastAnalysis.QuarterCall call) {
        return new ForecastCalls.Stored(call.quarter(), call.closedWon(), call.commit(), call.bestCase(),
                call.pipeline(), call.weightedAsReported(), call.weightedChecklistAdjusted(), call.quota());
    }

    /** The current quarter's call night by night, tonight included. */
    private List<ForecastAnalysis.TrendPoint> trend(long runId, String quarter) {
        return calls.ofQuarter(quarter, runId).stream().map(c -> new ForecastAnalysis.TrendPoint(
                c.runDate().toString(), c.closedWon(), c.commit(), money(c.closedWon().add(c.weightedReported())),
                money(c.closedWon().add(c.weightedAdjusted())), c.quota())).toList();
    }

    /** Days before a quarter's end at which its forecasts are judged. */
    static final List<Integer> HORIZONS = List.of(90, 60, 30);

    /**
     * The last completed quarter's forecasts against what closed in it (tonight's closed won of that quarter):
     * the expected outcome as reported and checklist-adjusted, closed won then + the weighted open deals then.
     */
    private ForecastAnalysis.Accuracy accuracy(long runId, ForecastAnalysis.QuarterCall last, LocalDate end) {
        List<ForecastCalls.Call> history = calls.ofQuarter(last.quarter(), runId).stream()
                .filter(c -> !c.runDate().isAfter(end)).toList();
        if (history.isEmpty()) {
            return null;
        }
        BigDecimal actual = last.closedWon();
        List<ForecastAnalysis.AccuracyPoint> points = new ArrayList<>();
        int reportedCloser = 0;
        int adjustedCloser = 0;
        for (int days : HORIZONS) {
            LocalDate horizon = end.minusDays(days);
            ForecastCalls.Call call = null;
            for (ForecastCalls.Call c : history) {
                if (!c.runDate().isAfter(horizon)) {
                    call = c;
                }
            }
            if (call == null) {
                points.add(new ForecastAnalysis.AccuracyPoint(days, null, null, null, null, null, null));
                continue;
            }
            BigDecimal reported = money(call.closedWon().add(call.weightedReported()));
            BigDecimal adjusted = money(call.closedWon().add(call.weightedAdjusted()));
            BigDecimal errorReported = money(reported.subtract(actual).abs());
            BigDecimal errorAdjusted = money(adjusted.subtract(actual).abs());
            int compared = errorAdjusted.compareTo(errorReported);
            String closer = compared < 0 ? "checklist-adjusted" : compared > 0 ? "as reported" : "equal";
            reportedCloser += compared > 0 ? 1 : 0;
            adjustedCloser += compared < 0 ? 1 : 0;
            points.add(new ForecastAnalysis.AccuracyPoint(days, call.runDate().toString(), reported, adjusted,
                    errorReported, errorAdjusted, closer));
        }
        long judged = points.stream().filter(p -> p.runDate() != null).count();
        String summary = judged == 0 ? "no run was 30 days or more before the end of " + last.quarter()
                : adjustedCloser > reportedCloser ? "the checklist-adjusted forecast came closer at " + adjustedCloser
                        + " of " + judged + " points"
                : reportedCloser > adjustedCloser ? "the forecast as reported came closer at " + reportedCloser
                        + " of " + judged + " points" : "neither forecast came closer overall";
        return new ForecastAnalysis.Accuracy(last.quarter(), end.toString(), actual, points, summary);
    }

    /**
     * Period × stage lines in period order (past quarters with deals, the quarters, later, unscheduled), stages in
     * playbook order;
     * the current and the next four quarters appear even without deals.
     */
    private static List<ForecastAnalysis.PeriodLine> periods(Scope scope, int current, SnapshotRollup rollup) {
        int last = FiscalCalendar.plusQuarters(current, 4);
        Map<String, Integer> order = new LinkedHashMap<>();
        Map<String, Map<String, SnapshotRollup.Sums>> byPeriod = new HashMap<>();
        rollup.periods.forEach((key, stages) -> {
            String period = FiscalCalendar.periodOfKey(key, current);
            int sort = key == SnapshotRollup.UNSCHEDULED ? Integer.MAX_VALUE : key > last ? Integer.MAX_VALUE - 1 : key;
            order.merge(period, sort, Math::min);
            Map<String, SnapshotRollup.Sums> merged = byPeriod.computeIfAbsent(period, p -> new HashMap<>());
            stages.forEach((stage, sums) -> merged.merge(stage, sums, SnapshotRollup.Sums::plus));
        });
        for (int i = 0; i <= 4; i++) {
            order.putIfAbsent(FiscalCalendar.label(FiscalCalendar.plusQuarters(current, i)),
                    FiscalCalendar.plusQuarters(current, i));
        }
        Map<String, Integer> stageOrder = new HashMap<>();
        scope.playbook().stages().forEach(s -> stageOrder.put(s.id(), s.order()));
        List<ForecastAnalysis.PeriodLine> result = new ArrayList<>();
        order.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(period -> {
            Map<String, SnapshotRollup.Sums> stages = byPeriod.getOrDefault(period.getKey(), Map.of());
            if (stages.isEmpty()) {
                result.add(new ForecastAnalysis.PeriodLine(period.getKey(), null, 0, Money.ZERO, Money.ZERO,
                        Money.ZERO, 0, Money.ZERO, Money.ZERO));
            }
            stages.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, SnapshotRollup.Sums> e) ->
                            stageOrder.getOrDefault(e.getKey(), 0)).thenComparing(Map.Entry::getKey))
                    .forEach(e -> result.add(new ForecastAnalysis.PeriodLine(period.getKey(), e.getKey(),
                            e.getValue().deals, money(e.getValue().amount), money(e.getValue().weighted),
                            money(e.getValue().adjusted), e.getValue().pastDueDeals, money(e.getValue().pastDueAmount),
                            money(e.getValue().pastDueWeighted))));
        });
        return result;
    }

    /** A quarter's call from its sums (none: all zero). */
    static ForecastAnalysis.QuarterCall call(int quarter, SnapshotRollup.CallSums sums, BigDecimal quota) {
        SnapshotRollup.CallSums s = sums == null ? new SnapshotRollup.CallSums() : sums;
        BigDecimal closedPlusCommit = s.closedWon.add(s.commit);
        return new ForecastAnalysis.QuarterCall(FiscalCalendar.label(quarter), money(s.closedWon), money(s.commit),
                money(s.bestCase), money(s.pipeline), money(closedPlusCommit), money(closedPlusCommit.add(s.bestCase)),
                money(s.weighted), money(s.adjusted), quota == null ? null : money(quota));
    }

    /**
     * The quota of a quarter: of one name when given, else of the teams named in quotas.csv for exactly that
     * quarter, else of its owners; null when quotas.csv names none.
     */
    private static BigDecimal quota(Scope scope, SnapshotRollup rollup, int quarter, String name) {
        BigDecimal teams = null;
        BigDecimal others = null;
        for (QuotaFile.Quota quota : scope.quotas()) {
            if (quota.fromQuarter() != quarter || quota.toQuarter() != quarter) {
                continue;
            }
            if (name != null) {
                if (quota.ownerOrTeam().equals(name)) {
                    return quota.amount();
                }
            } else if (rollup.owners.containsKey(quota.ownerOrTeam())) {
                teams = teams == null ? quota.amount() : teams.add(quota.amount());
            } else {
                others = others == null ? quota.amount() : others.add(quota.amount());
            }
        }
        return name != null ? null : teams != null ? teams : others;
    }

    /** The current quarter's call per team, with its owners beneath. */
    private static List<ForecastAnalysis.RollupLine> rollupLines(Scope scope, int current, SnapshotRollup rollup) {
        List<ForecastAnalysis.RollupLine> lines = new ArrayList<>();
        rollup.owners.forEach((team, members) -> {
            SnapshotRollup.CallSums teamSums = new SnapshotRollup.CallSums();
            members.values().forEach(m -> teamSums.addAll(m.quarter));
            lines.add(new ForecastAnalysis.RollupLine(team, null, call(current, teamSums,
                    quota(scope, rollup, current, team))));
            members.forEach((owner, sums) -> lines.add(new ForecastAnalysis.RollupLine(team, owner,
                    call(current, sums.quarter, quota(scope, rollup, current, owner)))));
        });
        return lines;
    }

    private static List<ForecastAnalysis.MonthLine> months(Scope scope, int current, SnapshotRollup rollup) {
        List<ForecastAnalysis.MonthLine> lines = new ArrayList<>();
        YearMonth month = YearMonth.from(scope.calendar().start(current));
        for (int i = 0; i < 15; i++, month = month.plusMonths(1)) {
            SnapshotRollup.Sums sums = rollup.months.getOrDefault(month, new SnapshotRollup.Sums());
            lines.add(new ForecastAnalysis.MonthLine(month.toString(),
                    FiscalCalendar.label(scope.calendar().quarterKey(month.atDay(1))), sums.deals, money(sums.amount),
                    money(sums.weighted), money(sums.adjusted)));
        }
        return lines;
    }

    private static List<ForecastAnalysis.FiscalYearLine> fiscalYears(Scope scope, SnapshotRollup rollup) {
        Map<Integer, SnapshotRollup.Sums> years = new TreeMap<>();
        rollup.months.forEach((month, sums) -> years.merge(scope.calendar().fiscalYear(month.atDay(1)), sums,
                SnapshotRollup.Sums::plus));
        List<ForecastAnalysis.FiscalYearLine> lines = new ArrayList<>();
        years.forEach((year, sums) -> lines.add(new ForecastAnalysis.FiscalYearLine("FY" + year, sums.deals,
                money(sums.amount), money(sums.weighted), money(sums.adjusted))));
        return lines;
    }

    private static List<ForecastAnalysis.OwnerLine> owners(SnapshotRollup rollup) {
        List<ForecastAnalysis.OwnerLine> owners = new ArrayList<>();
        rollup.owners.forEach((team, members) -> members.forEach((owner, sums) -> owners.add(
                new ForecastAnalysis.OwnerLine(team, owner, sums.open.deals, money(sums.open.amount),
                        money(sums.open.weighted), money(sums.open.adjusted), sums.wonDeals, money(sums.wonAmount)))));
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

    private static List<ForecastAnalysis.CategoryLine> categories(SnapshotRollup rollup) {
        Map<String, ForecastAnalysis.CategoryLine> lines = new LinkedHashMap<>();
        for (String category : List.of("pipeline", "best_case", "commit", "closed", "omitted")) {
            lines.put(category, new ForecastAnalysis.CategoryLine(category, 0, Money.ZERO, Money.ZERO, Money.ZERO));
        }
        rollup.categories.forEach((category, sums) -> lines.put(category, new ForecastAnalysis.CategoryLine(category,
                sums.deals, money(sums.amount), money(sums.weighted), money(sums.adjusted))));
        return List.copyOf(lines.values());
    }

    private static List<ForecastAnalysis.CategoryPair> crmCategories(SnapshotRollup rollup) {
        List<ForecastAnalysis.CategoryPair> pairs = new ArrayList<>();
        rollup.crmCategories.forEach((category, byCrm) -> byCrm.forEach((crm, sums) -> pairs.add(
                new ForecastAnalysis.CategoryPair(category, crm, sums.deals, money(sums.amount)))));
        return pairs;
    }

    private static List<ForecastAnalysis.AgingLine> aging(Scope scope, SnapshotRollup rollup) {
        List<ForecastAnalysis.AgingLine> result = new ArrayList<>();
        for (Stage stage : scope.playbook().stages()) {
            SnapshotRollup.Aging line = rollup.aging.get(stage.id());
            if (line != null) {
                result.add(new ForecastAnalysis.AgingLine(stage.id(), line.deals, line.totalDays / line.deals,
                        line.maxDays, line.over90Days));
            }
        }
        return result;
    }

    private static List<ForecastAnalysis.QuotaLine> quotas(Scope scope, SnapshotRollup rollup) {
        List<ForecastAnalysis.QuotaLine> lines = new ArrayList<>();
        for (QuotaFile.Quota quota : scope.quotas()) {
            SnapshotRollup.QuotaSums sums = rollup.quota(quota.ownerOrTeam(), quota.fromQuarter(), quota.toQuarter());
            BigDecimal won = money(sums.won);
            BigDecimal open = money(sums.open);
            BigDecimal remaining = Money.round(quota.amount().subtract(won).max(BigDecimal.ZERO));
            lines.add(new ForecastAnalysis.QuotaLine(quota.ownerOrTeam(), quota.period(),
                    Money.round(quota.amount()), won, ratio(won, quota.amount()), open,
                    money(sums.weighted), remaining, remaining.signum() == 0 ? null : ratio(open, remaining)));
        }
        return lines;
    }

    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(Money.ZERO, BigDecimal::add);
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? Money.ZERO : Money.round(value);
    }
}
