package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.util.List;

/**
 * The deal lists a manager reads, each bounded by {@code --top-deals}: the largest open deals, the deals whose
 * claimed stage their checklist does not evidence (largest gap first) with the items missing, the items most
 * often missing, and the deals at risk: overdue close dates, close dates slipped since the previous run, long
 * in their stage. Amounts are in the reporting currency; dates are ISO strings.
 */
public record Watchlists(int limit, List<DealLine> topDeals, List<UnevidencedDeal> unevidenced,
        List<MissingItem> missingItems, List<DealLine> overdue, List<SlippedDeal> slipped,
        List<DealLine> longInStage) {

    public static final Watchlists NONE = new Watchlists(0, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    /** {@code days}: days overdue for the overdue list, days in stage otherwise. */
    public record DealLine(String dealId, String dealName, String account, String owner, String stage,
            String closeDate, long days, BigDecimal amount, BigDecimal weighted) {
    }

    public record UnevidencedDeal(String dealId, String dealName, String owner, String claimedStage,
            String evidencedStage, BigDecimal weighted, BigDecimal weightedChecklistAdjusted, BigDecimal gap,
            List<String> missingItems) {
    }

    /** A required checklist item and how many deals claim a later stage without it. */
    public record MissingItem(String stage, String item, String label, long deals) {
    }

    public record SlippedDeal(String dealId, String dealName, String owner, String stage, String fromQuarter,
            String toQuarter, BigDecimal weighted) {
    }
}
