package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.util.List;

/**
 * A run's forecast beyond the stage table, as plain data for run.json and the renderers: periods × stages, close
 * months and fiscal years,
 * owners and teams, forecast categories (ours beside the CRM's), movement since the previous run as a
 * waterfall, stage aging, win-rate calibration and quota coverage. Amounts are in the reporting currency.
 */
public record ForecastAnalysis(int fiscalYearStart, String currentQuarter, BigDecimal closedWonThisQuarter,
        QuarterCall quarterCall, QuarterCall nextQuarterCall, List<RollupLine> rollup, List<PeriodLine> periods, List<MonthLine> months, List<FiscalYearLine> fiscalYears,
        List<OwnerLine> owners, List<TeamLine> teams, List<CategoryLine> categories, List<CategoryPair> crmCategories,
        Movement movement, List<AgingLine> aging, List<CalibrationLine> calibration, List<QuotaLine> quotas,
        Watchlists watchlists, Actions actions, List<TrendPoint> trend, Accuracy accuracy) {

    /**
     * One night's call of the current quarter, as stored that night: closed won so far, commit, and the quarter's
     * expected outcome as reported and checklist-adjusted (closed won + the open deals' weighted amount).
     */
    public record TrendPoint(String runDate, BigDecimal closedWon, BigDecimal commit, BigDecimal forecastAsReported,
            BigDecimal forecastChecklistAdjusted, BigDecimal quota) {
    }

    /**
     * How close the forecasts of the last completed quarter came to what closed: at 90, 60 and 30 days before
     * its end, the call of the last run on or before that day; {@code closer} names the forecast with the smaller
     * error. Null before the history holds a call of that quarter from before its end.
     */
    public record Accuracy(String quarter, String quarterEnd, BigDecimal actualClosedWon, List<AccuracyPoint> horizons,
            String summary) {
    }

    /** {@code runDate} null when no run was that far out. */
    public record AccuracyPoint(int daysBefore, String runDate, BigDecimal asReported, BigDecimal checklistAdjusted,
            BigDecimal errorAsReported, BigDecimal errorChecklistAdjusted, String closer) {
    }

    /**
     * What to do to defend the number: per owner the open deals whose checklist evidences less than they claim
     * and the weighted amount ticking their missing items would restore (largest first), and the top actions
     * overall (bounded by {@code --top-deals}; the workbook's Actions sheet has every one).
     */
    public record Actions(long deals, BigDecimal restorable, List<OwnerActions> owners, List<Action> top) {
    }

    public record OwnerActions(String owner, long deals, BigDecimal restorable) {
    }

    /** "tick pricing approved on D-2026217 to restore 141,600.00". */
    public record Action(String owner, String dealId, String dealName, String claimedStage, String evidencedStage,
            List<String> missingItems, BigDecimal restore, String sentence) {
    }

    /**
     * Open forecast deals of one period and stage; period is the fiscal quarter of the close date, "unscheduled"
     * or "later"; of them, those past due (close date before the run date).
     */
    public record PeriodLine(String period, String stage, long deals, BigDecimal amount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted, long pastDueDeals, BigDecimal pastDueAmount,
            BigDecimal pastDueWeighted) {
    }

    /**
     * The forecast call of a fiscal quarter, deals by close date: closed won, the open forecast deals' amounts
     * per category (unweighted, as CRMs show them), the cumulative calls, both weighted forecasts and the quota
     * (of the teams in quotas.csv for that quarter, else of the owners; null without quotas).
     */
    public record QuarterCall(String quarter, BigDecimal closedWon, BigDecimal commit, BigDecimal bestCase,
            BigDecimal pipeline, BigDecimal closedPlusCommit, BigDecimal closedPlusCommitPlusBestCase,
            BigDecimal weightedAsReported, BigDecimal weightedChecklistAdjusted, BigDecimal quota) {
    }

    /** An owner's or team's call for the current quarter ({@code owner} null on a team's line). */
    public record RollupLine(String team, String owner, QuarterCall call) {
    }

    /**
     * Open forecast deals by close month ("2027-01"), every month of the current and the next four quarters; deals
     * overdue within those quarters count in their month.
     */
    public record MonthLine(String month, String fiscalQuarter, long deals, BigDecimal amount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted) {
    }

    /** Open forecast deals by the fiscal year of their close date ("FY2027"), every year that has one. */
    public record FiscalYearLine(String fiscalYear, long deals, BigDecimal amount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted) {
    }

    public record OwnerLine(String team, String owner, long openDeals, BigDecimal openAmount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted, long wonDeals, BigDecimal closedWon) {
    }

    /** A team with its owners beneath. */
    public record TeamLine(String team, long openDeals, BigDecimal openAmount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted, BigDecimal closedWon, List<String> owners) {
    }

    public record CategoryLine(String category, long deals, BigDecimal amount, BigDecimal weighted,
            BigDecimal weightedChecklistAdjusted) {
    }

    /** How many deals the CRM puts in a category, against ours. */
    public record CategoryPair(String category, String crmCategory, long deals, BigDecimal amount) {
    }

    /**
     * Movement since the previous published run: {@code startWeighted} + the sum of the buckets' changes =
     * {@code endWeighted}, exactly; {@code deals}: per bucket the deals with the largest change (bounded by
     * {@code --top-deals}; none on a first run).
     */
    public record Movement(String previousRunDate, BigDecimal startWeighted, BigDecimal endWeighted,
            List<MovementBucket> buckets, List<MovementDeal> deals) {
    }

    /** A deal behind a movement bucket, before and after (null where it was not exported that night). */
    public record MovementDeal(String bucket, String dealId, String dealName, String owner, String stageBefore,
            String stageAfter, BigDecimal amountBefore, BigDecimal amountAfter, String closeBefore, String closeAfter,
            BigDecimal weightedBefore, BigDecimal weightedAfter, BigDecimal change) {
    }

    public record MovementBucket(String bucket, long deals, BigDecimal weightedChange) {
    }

    /** Days in the claimed stage of open deals. */
    public record AgingLine(String stage, long deals, long averageDays, long maxDays, long over90Days) {
    }

    /** Observed win rate per stage with a 95 % Wilson interval; {@code used} when it weighs this run. */
    public record CalibrationLine(String stage, BigDecimal playbookProbability, long deals, long won,
            BigDecimal observedRate, BigDecimal low, BigDecimal high, boolean used) {
    }

    public record QuotaLine(String ownerOrTeam, String period, BigDecimal quota, BigDecimal closedWon,
            BigDecimal attainment, BigDecimal openPipeline, BigDecimal weighted, BigDecimal remaining,
            BigDecimal coverage) {
    }
}
