package com.pipelineforecast.playbook;

import java.math.BigDecimal;
import java.util.List;

/** A selling-cycle stage; {@code order} is its position in the playbook, starting at 0. */
public record Stage(String id, String name, int order, List<String> aliases, BigDecimal probability,
        ForecastCategory category, Outcome outcome, boolean lead, List<ChecklistItem> checklist) {

    public boolean isOpen() {
        return outcome == Outcome.OPEN;
    }

    /** Open, not a lead: the deals that are weighted into the forecast. */
    public boolean isForecast() {
        return isOpen() && !lead;
    }
}
