package com.pipelineforecast.history;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.pipelineforecast.domain.Deal;

/**
 * What the previous run knew about a chunk's deals, carried into tonight's rows: when each deal entered its
 * stage, which open stages it has been seen at (a bit per stage order), and since when a closed deal is closed.
 */
final class DealHistory {

    private final Map<String, LocalDate> stageSince = new HashMap<>();
    private final Map<String, Long> stagesSeen = new HashMap<>();
    private final Map<String, LocalDate> closedSince = new HashMap<>();

    void add(String dealId, String stage, LocalDate since, long seen, LocalDate closed) {
        if (since != null) {
            stageSince.merge(dealId + "\u0000" + stage, since, (a, b) -> a.isBefore(b) ? a : b);
        }
        stagesSeen.merge(dealId, seen, (a, b) -> a | b);
        if (closed != null) {
            closedSince.merge(dealId, closed, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    /** The exported stage-entered date, else the date carried at the same stage, else tonight. */
    LocalDate stageSince(Deal deal, LocalDate runDate) {
        if (deal.stageEnteredDate() != null) {
            return deal.stageEnteredDate();
        }
        return stageSince.getOrDefault(deal.dealId() + "\u0000" + deal.claimedStage(), runDate);
    }

    /** The stages seen before, and tonight's when the deal is open and weighted. */
    long stagesSeen(Deal deal) {
        long seen = stagesSeen.getOrDefault(deal.dealId(), 0L);
        return deal.open() && !deal.lead() ? seen | 1L << Math.min(deal.claimedOrder(), 62) : seen;
    }

    /** For a closed deal, the first run date it was seen closed; null while open. */
    LocalDate closedSince(Deal deal, LocalDate runDate) {
        return deal.open() ? null : closedSince.getOrDefault(deal.dealId(), runDate);
    }
}
