package com.pipelineforecast.forecast;

import java.math.BigDecimal;

/** One row of the selling-cycle table: the deals that claim a stage. */
public record StageTotal(String stageId, String stageName, int order, String category, boolean open,
        boolean lead, boolean won, long deals, BigDecimal amount, BigDecimal probability,
        BigDecimal weightedReported, BigDecimal weightedAdjusted) {

    /** Open and not a lead: weighted into the forecast. */
    public boolean forecast() {
        return open && !lead;
    }
}
