package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.util.List;

import com.pipelineforecast.domain.Money;

/**
 * Run totals derived from the stage table. The forecast covers open, non-lead deals; closed won is reported
 * on its own; leads are counted, never weighted.
 */
public record ForecastTotals(BigDecimal openAmount, BigDecimal weightedAsReported,
        BigDecimal weightedChecklistAdjusted, BigDecimal closedWon, long openDeals, long leads) {

    public static ForecastTotals of(List<StageTotal> stages) {
        BigDecimal open = Money.ZERO;
        BigDecimal reported = open;
        BigDecimal adjusted = open;
        BigDecimal won = open;
        long openDeals = 0;
        long leads = 0;
        for (StageTotal stage : stages) {
            if (stage.forecast()) {
                open = open.add(stage.amount());
                reported = reported.add(stage.weightedReported());
                adjusted = adjusted.add(stage.weightedAdjusted());
                openDeals += stage.deals();
            } else if (stage.won()) {
                won = won.add(stage.amount());
            } else if (stage.lead()) {
                leads += stage.deals();
            }
        }
        return new ForecastTotals(open, reported, adjusted, won, openDeals, leads);
    }

    /** The amount by which the claimed stages overstate what the checklists support. */
    public BigDecimal gap() {
        return weightedAsReported.subtract(weightedChecklistAdjusted);
    }
}
