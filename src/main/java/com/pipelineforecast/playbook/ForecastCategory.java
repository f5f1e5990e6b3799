package com.pipelineforecast.playbook;

import java.util.Locale;

/** Forecast categories in the order managers read them, as Salesforce and Dynamics name them. */
public enum ForecastCategory {
    PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ForecastCategory fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
