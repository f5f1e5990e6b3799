package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Money;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.DealSnapshotRepository;
import com.pipelineforecast.history.DealSnapshotRepository.OpenDeal;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Builds a run's {@link Watchlists} from the open deals the rollup's pass hands it ({@link Gathering}), keeping only
 * the top entries of each list in memory, then looks up the missing items of the few unevidenced deals it keeps.
 */
@Component
public class WatchlistCollector {

    private static final Comparator<OpenDeal> BY_WEIGHT = Comparator.comparing(OpenDeal::weighted)
            .thenComparing(OpenDeal::dealId, Comparator.reverseOrder());

    private final RunDeals deals;

    public WatchlistCollector(RunDeals deals) {
        this.deals = deals;
    }

    private static Watchlists.DealLine line(OpenDeal deal, long days) {
        return new Watchlists.DealLine(deal.dealId(), deal.dealName(), deal.account(), deal.owner(), deal.claimed(),
                deal.closeDate() == null ? null : deal.closeDate().toString(), days, deal.amount(), deal.weighted());
    }

    /** The lists, and per owner the deals whose checklist evidences less than they claim. */
    public record Collected(Watchlists watchlists, ForecastAnalysis.Actions actions) {
    }

    /** Deals at least this long in their stage make the "longest in stage" list. */
    static final int LONG_IN_STAGE_DAYS = 30;

    /**
     * The lists being gathered from a pass over the run's open deals ({@link SnapshotRollup#of}): {@code limit}
     * deals each, as of the run date.
     */
    static final class Gathering {
        private final LocalDate runDate;
        private final int limit;
        private final java.util.Map<String, Object[]> byOwner = new java.util.TreeMap<>();
        private final TopList<OpenDeal> top;
        private final TopList<OpenDeal> overdue;
        private final TopList<OpenDeal> unevidenced;
        private final TopList<OpenDeal> longInStage;

        Gathering(LocalDate runDate, int limit) {
            this.runDate = runDate;
            this.limit = limit;
            top = new TopList<>(limit, BY_WEIGHT);
            overdue = new TopList<>(limit, BY_WEIGHT);
            unevidenced = new TopList<>(limit, Comparator.comparing(OpenDeal::gap)
                    .thenComparing(OpenDeal::dealId, Comparator.reverseOrder()));
            longInStage = new TopList<>(limit, Comparator.comparing((OpenDeal c) -> c.stageSince(),
                    Comparator.reverseOrder()).thenComparing(BY_WEIGHT));
        }

        /** An open deal that is no lead. */
        void offer(OpenDeal c) {
            top.offer(c);
            if (c.closeDate() != null && c.closeDate().isBefore(runDate)) {
                overdue.offer(c);
            }
            if (!c.claimed().equals(c.evidenced())) {
                unevidenced.offer(c);
                Object[] owner = byOwner.computeIfAbsent(c.owner() == null ? "(no owner)" : c.owner(),
                        o -> new Object[] {0L, BigDecimal.ZERO});
                owner[0] = (Long) owner[0] + 1;
                owner[1] = ((BigDecimal) owner[1]).add(c.gap());
            }
            if (c.stageSince() != null
                    && runDate.toEpochDay() - c.stageSince().toEpochDay() >= LONG_IN_STAGE_DAYS) {
                longInStage.offer(c);
            }
        }
    }

    /** The lists of one team's deals ({@code team} null: of every deal), from what the pass gathered. */
    Collected collected(Gathering gathered, long runId, Playbook playbook, List<Watchlists.SlippedDeal> slipped,
            String team) {
        long runDay = gathered.runDate.toEpochDay();
        List<Watchlists.UnevidencedDeal> unevidencedDeals = gathered.unevidenced.largestFirst().stream()
                .map(c -> unevidenced(runId, c, playbook)).toList();
        return new Collected(new Watchlists(gathered.limit,
                gathered.top.largestFirst().stream().map(c -> line(c, 0)).toList(),
                unevidencedDeals,
                missingItems(runId, playbook, gathered.limit, team),
                gathered.overdue.largestFirst().stream().map(c -> line(c, runDay - c.closeDate().toEpochDay()))
                        .toList(),
                slipped,
                gathered.longInStage.largestFirst().stream().map(c -> line(c, runDay - c.stageSince().toEpochDay()))
                        .toList()), actions(gathered.byOwner, unevidencedDeals, playbook));
    }

    private static ForecastAnalysis.Actions actions(java.util.Map<String, Object[]> byOwner,
            List<Watchlists.UnevidencedDeal> top, Playbook playbook) {
        List<ForecastAnalysis.OwnerActions> owners = new ArrayList<>();
        long deals = 0;
        BigDecimal restorable = Money.ZERO;
        for (var owner : byOwner.entrySet()) {
            long count = (Long) owner.getValue()[0];
            BigDecimal amount = Money.round((BigDecimal) owner.getValue()[1]);
            owners.add(new ForecastAnalysis.OwnerActions(owner.getKey(), count, amount));
            deals += count;
            restorable = restorable.add(amount);
        }
        owners.sort(Comparator.comparing(ForecastAnalysis.OwnerActions::restorable).reversed()
                .thenComparing(ForecastAnalysis.OwnerActions::owner));
        List<ForecastAnalysis.Action> actions = top.stream().map(d -> new ForecastAnalysis.Action(d.owner(),
                d.dealId(), d.dealName(), d.claimedStage(), d.evidencedStage(), d.missingItems(), d.gap(),
                sentence(d.missingItems(), d.dealId(), d.gap()))).toList();
        return new ForecastAnalysis.Actions(deals, restorable, owners, actions);
    }

    /** "tick pricing approved and ROI approved on D-2026217 to restore 141,600.00". */
    public static String sentence(List<String> items, String dealId, BigDecimal restore) {
        // "Meeting scheduled" reads as "meeting scheduled"; "ROI analysed" keeps its capitals
        List<String> lower = items.stream().map(i -> i.length() < 2 || !Character.isLowerCase(i.charAt(1)) ? i
                : Character.toLowerCase(i.charAt(0)) + i.substring(1)).toList();
        String list = lower.size() <= 1 ? String.join("", lower)
                : String.join(", ", lower.subList(0, lower.size() - 1)) + " and " + lower.get(lower.size() - 1);
        return "tick " + list + " on " + dealId + " to restore " + String.format(java.util.Locale.US, "%,.2f", restore);
    }

    private Watchlists.UnevidencedDeal unevidenced(long runId, OpenDeal c, Playbook playbook) {
        List<String> missing = c.missingItems().stream()
                .map(m -> label(playbook, m.stage(), m.item())).toList();
        return new Watchlists.UnevidencedDeal(c.dealId(), c.dealName(), c.owner(), c.claimed(), c.evidenced(),
                c.weighted(), c.adjusted(), c.gap(), missing);
    }

    private List<Watchlists.MissingItem> missingItems(long runId, Playbook playbook, int limit, String team) {
        return deals.mostMissedItems(runId, team, limit).stream().map(m -> new Watchlists.MissingItem(m.stage(),
                m.item(), label(playbook, m.stage(), m.item()), m.deals())).toList();
    }

    /** An item's label from the playbook ("Meeting scheduled"), or its id when the playbook does not know it. */
    static String label(Playbook playbook, String stageId, String itemId) {
        for (Stage stage : playbook.stages()) {
            if (stage.id().equals(stageId)) {
                for (ChecklistItem item : stage.checklist()) {
                    if (item.id().equals(itemId)) {
                        return item.label();
                    }
                }
            }
        }
        return itemId;
    }
}
