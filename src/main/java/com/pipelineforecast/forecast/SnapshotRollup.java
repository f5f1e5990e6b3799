package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.DealSnapshotRepository.OpenDeal;
import com.pipelineforecast.history.DealSnapshotRepository.RollupRow;

/**
 * The sums behind periods, close months, owners, categories, aging and quotas, gathered in one streaming pass over a run's deals.
 * Each figure would otherwise be its own GROUP BY, and every one of those reads the whole snapshot from disk again;
 * only the groups (stages × periods, owners, categories) are held in memory.
 */
final class SnapshotRollup {

    /** Period key of a deal without close date; other keys are the fiscal quarters of close dates. */
    static final int UNSCHEDULED = -1;

    /** Running sums of one group. */
    static final class Sums {
        long deals;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        /** Of these, the deals whose close date is before the run date. */
        long pastDueDeals;
        BigDecimal pastDueAmount = BigDecimal.ZERO;
        BigDecimal pastDueWeighted = BigDecimal.ZERO;

        void add(BigDecimal amount, BigDecimal weighted, BigDecimal adjusted) {
            deals++;
            this.amount = this.amount.add(amount);
            this.weighted = this.weighted.add(weighted);
            this.adjusted = this.adjusted.add(adjusted);
        }

        void addPastDue(BigDecimal amount, BigDecimal weighted) {
            pastDueDeals++;
            pastDueAmount = pastDueAmount.add(amount);
            pastDueWeighted = pastDueWeighted.add(weighted);
        }

        static Sums plus(Sums a, Sums b) {
            Sums sum = new Sums();
            sum.deals = a.deals + b.deals;
            sum.amount = a.amount.add(b.amount);
            sum.weighted = a.weighted.add(b.weighted);
            sum.adjusted = a.adjusted.add(b.adjusted);
            sum.pastDueDeals = a.pastDueDeals + b.pastDueDeals;
            sum.pastDueAmount = a.pastDueAmount.add(b.pastDueAmount);
            sum.pastDueWeighted = a.pastDueWeighted.add(b.pastDueWeighted);
            return sum;
        }
    }

    /**
     * The forecast call of one fiscal quarter (by close date): closed won, the open forecast deals' amounts per
     * category (unweighted, as CRMs show them), and both weighted forecasts.
     */
    static final class CallSums {
        BigDecimal closedWon = BigDecimal.ZERO;
        BigDecimal commit = BigDecimal.ZERO;
        BigDecimal bestCase = BigDecimal.ZERO;
        BigDecimal pipeline = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;

        void addOpen(String category, BigDecimal amount, BigDecimal weighted, BigDecimal adjusted) {
            switch (category) {
                case "commit" -> commit = commit.add(amount);
                case "best_case" -> bestCase = bestCase.add(amount);
                case "pipeline" -> pipeline = pipeline.add(amount);
                default -> {
                }
            }
            this.weighted = this.weighted.add(weighted);
            this.adjusted = this.adjusted.add(adjusted);
        }

        void addWon(BigDecimal amount) {
            closedWon = closedWon.add(amount);
        }

        void addAll(CallSums other) {
            closedWon = closedWon.add(other.closedWon);
            commit = commit.add(other.commit);
            bestCase = bestCase.add(other.bestCase);
            pipeline = pipeline.add(other.pipeline);
            weighted = weighted.add(other.weighted);
            adjusted = adjusted.add(other.adjusted);
        }
    }

    /** An owner's open (forecast) deals and closed-won deals. */
    static final class OwnerSums {
        final Sums open = new Sums();
        long wonDeals;
        BigDecimal wonAmount = BigDecimal.ZERO;
        /** The owner's call for the current quarter. */
        final CallSums quarter = new CallSums();
    }

    /** Days in stage of a stage's open deals. */
    static final class Aging {
        long deals;
        long totalDays;
        long maxDays;
        long over90Days;
    }

    /** What a quota is measured against: closed won, open amount and weighted, per name and quarter. */
    static final class QuotaSums {
        BigDecimal won = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
    }

    /** Per claimed stage, every deal: the selling-cycle table (weighted sums as stored, not only forecast deals). */
    final Map<String, Sums> stages = new HashMap<>();
    final Map<String, Integer> stageOrders = new HashMap<>();
    /** Per period key, per stage. */
    final Map<Integer, Map<String, Sums>> periods = new HashMap<>();
    /** Per close month, open forecast deals with a close date. */
    final Map<YearMonth, Sums> months = new TreeMap<>();
    /** Per team, per owner, in name order. */
    final Map<String, Map<String, OwnerSums>> owners = new TreeMap<>();
    /** Per category: all deals counted; weighted sums of forecast deals only. */
    final Map<String, Sums> categories = new HashMap<>();
    /** Per our category, per the CRM's category, of deals that export one. */
    final Map<String, Map<String, Sums>> crmCategories = new TreeMap<>();
    final Map<String, Aging> aging = new HashMap<>();
    /** The forecast call per close quarter. */
    final Map<Integer, CallSums> calls = new HashMap<>();
    /** Per owner or team named in the quota file, per quarter key. */
    final Map<String, Map<Integer, QuotaSums>> quotas = new HashMap<>();
    /** Deals that closed on this run (closed now, open or unseen before) per stages seen: deals, of them won. */
    final Map<Long, long[]> closedTonightBySeen = new HashMap<>();
    BigDecimal closedWonThisQuarter = BigDecimal.ZERO;

    private final LocalDate runDate;
    private final int currentQuarter;
    private final Set<String> quotaNames;

    private SnapshotRollup(LocalDate runDate, int currentQuarter, Set<String> quotaNames) {
        this.runDate = runDate;
        this.currentQuarter = currentQuarter;
        this.quotaNames = quotaNames;
    }

    /**
     * The run's sums; with a {@code team}, of that team's deals only (the same pass, the same figures: a team's
     * report is computed by the code that computes the night's). The same read hands each open deal that is no
     * lead to {@code openDeals} (the watchlists).
     */
    static SnapshotRollup of(RunDeals deals, long runId, LocalDate runDate, int currentQuarter,
            Set<String> quotaNames, String team, java.util.function.Consumer<OpenDeal> openDeals) {
        SnapshotRollup rollup = new SnapshotRollup(runDate, currentQuarter, quotaNames);
        deals.forEachRollupRow(runId, team, rollup::add, openDeals);
        return rollup;
    }

    private void add(RollupRow deal) {
        String stage = deal.claimedStage();
        String category = deal.category();
        String crmCategory = deal.crmForecastCategory();
        boolean open = deal.open();
        boolean forecast = open && !deal.lead();
        boolean won = deal.won();
        LocalDate closeDate = deal.closeDate();
        boolean hasQuarter = deal.closeQuarter() != null;
        int quarter = hasQuarter ? deal.closeQuarter() : 0;
        String owner = deal.owner();
        String team = deal.team();
        LocalDate since = deal.stageSince();
        BigDecimal amount = deal.amount();
        BigDecimal weighted = forecast ? deal.weightedReported() : BigDecimal.ZERO;
        BigDecimal adjusted = forecast ? deal.weightedAdjusted() : BigDecimal.ZERO;
        LocalDate closedSince = deal.closedSince();
        long stagesSeen = deal.stagesSeen();
        stages.computeIfAbsent(stage, s -> new Sums()).add(amount, deal.weightedReported(), deal.weightedAdjusted());
        stageOrders.merge(stage, deal.claimedOrder(), Math::min);

        categories.computeIfAbsent(category, c -> new Sums()).add(amount, weighted, adjusted);
        if (crmCategory != null) {
            crmCategories.computeIfAbsent(category, c -> new TreeMap<>())
                    .computeIfAbsent(crmCategory, c -> new Sums()).add(amount, weighted, adjusted);
        }
        OwnerSums ownerSums = owners.computeIfAbsent(team == null ? "(no team)" : team, t -> new TreeMap<>())
                .computeIfAbsent(owner == null ? "(no owner)" : owner, o -> new OwnerSums());
        if (forecast) {
            ownerSums.open.add(amount, weighted, adjusted);
            Sums period = periods.computeIfAbsent(closeDate == null ? UNSCHEDULED : quarter, p -> new HashMap<>())
                    .computeIfAbsent(stage, s -> new Sums());
            period.add(amount, weighted, adjusted);
            if (closeDate != null && closeDate.isBefore(runDate)) {
                period.addPastDue(amount, weighted);
            }
            if (hasQuarter) {
                calls.computeIfAbsent(quarter, q -> new CallSums()).addOpen(category, amount, weighted, adjusted);
                if (quarter == currentQuarter) {
                    ownerSums.quarter.addOpen(category, amount, weighted, adjusted);
                }
            }
            if (closeDate != null) {
                months.computeIfAbsent(YearMonth.from(closeDate), m -> new Sums()).add(amount, weighted, adjusted);
            }
            if (since != null) {
                long days = Math.max(0, runDate.toEpochDay() - since.toEpochDay());
                Aging line = aging.computeIfAbsent(stage, s -> new Aging());
                line.deals++;
                line.totalDays += days;
                line.maxDays = Math.max(line.maxDays, days);
                line.over90Days += days > 90 ? 1 : 0;
            }
        }
        if (won) {
            ownerSums.wonDeals++;
            ownerSums.wonAmount = ownerSums.wonAmount.add(amount);
            if (hasQuarter) {
                calls.computeIfAbsent(quarter, q -> new CallSums()).addWon(amount);
            }
            if (hasQuarter && quarter == currentQuarter) {
                closedWonThisQuarter = closedWonThisQuarter.add(amount);
                ownerSums.quarter.addWon(amount);
            }
        }
        if (!open && stagesSeen != 0 && closedSince != null
                && closedSince.equals(runDate)) {
            long[] closed = closedTonightBySeen.computeIfAbsent(stagesSeen, s -> new long[2]);
            closed[0]++;
            closed[1] += won ? 1 : 0;
        }
        if (hasQuarter && (won || forecast)) {
            addToQuota(owner, quarter, won, amount, weighted);
            if (team != null && !team.equals(owner)) {
                addToQuota(team, quarter, won, amount, weighted);
            }
        }
    }

    private void addToQuota(String name, int quarter, boolean won, BigDecimal amount, BigDecimal weighted) {
        if (name == null || !quotaNames.contains(name)) {
            return;
        }
        QuotaSums sums = quotas.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(quarter,
                q -> new QuotaSums());
        if (won) {
            sums.won = sums.won.add(amount);
        } else {
            sums.open = sums.open.add(amount);
            sums.weighted = sums.weighted.add(weighted);
        }
    }

    /** Sums of a quota's name over its quarters, inclusive. */
    QuotaSums quota(String name, int fromQuarter, int toQuarter) {
        QuotaSums total = new QuotaSums();
        quotas.getOrDefault(name, Map.of()).forEach((quarter, sums) -> {
            if (quarter >= fromQuarter && quarter <= toQuarter) {
                total.won = total.won.add(sums.won);
                total.open = total.open.add(sums.open);
                total.weighted = total.weighted.add(sums.weighted);
            }
        });
        return total;
    }
}
