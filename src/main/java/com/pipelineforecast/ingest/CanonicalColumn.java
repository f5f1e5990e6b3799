package com.pipelineforecast.ingest;

import java.util.List;

import com.pipelineforecast.playbook.Names;

/**
 * The columns the job understands, with the header names CRMs export them under. Headers match ignoring
 * case, spaces and punctuation; the first header that matches a column wins.
 */
public enum CanonicalColumn {
    DEAL_ID(true, "deal_id", "id", "opportunity_id", "opportunity id", "record id", "deal id", "opportunityid"),
    DEAL_NAME(false, "deal_name", "deal name", "opportunity name", "name", "topic", "title", "deal - title",
            "opportunity"),
    ACCOUNT(false, "account", "account name", "account_name", "company", "customer", "potential customer",
            "organization", "deal - organization"),
    OWNER(false, "owner", "opportunity owner", "deal owner", "sales_agent", "sales agent", "salesperson",
            "owner name", "ownerid", "deal - owner"),
    TEAM(false, "team", "sales team", "owner team", "team name"),
    ACCOUNT_TYPE(false, "account_type", "account type", "customer type"),
    STAGE(true, "stage", "stage name", "stagename", "deal stage", "deal_stage", "sales stage", "pipeline phase",
            "deal - stage"),
    AMOUNT(true, "amount", "deal value", "value", "close_value", "est. revenue", "estimated revenue",
            "expected revenue", "deal - value", "opportunity amount"),
    CURRENCY(false, "currency", "currency code", "currencyisocode", "amount currency", "deal - currency"),
    CLOSE_DATE(true, "close_date", "close date", "closedate", "est. close date", "estimated close date",
            "expected closing", "closing date", "expected close date", "deal - expected close date"),
    CREATED_DATE(false, "created_date", "created date", "createddate", "create date", "deal - deal created"),
    STAGE_ENTERED_DATE(false, "stage_entered_date", "stage entered date", "last stage change date",
            "stage change date"),
    PROBABILITY(false, "probability", "probability (%)", "deal probability", "probability %"),
    FORECAST_CATEGORY(false, "forecast_category", "forecast category", "forecastcategoryname",
            "forecastcategory"),
    CHECKLIST(false, "checklist", "checklist done", "done items");

    private final boolean required;
    private final List<String> names;

    CanonicalColumn(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    /** Required columns must exist in the header; their values may still be blank for some fields. */
    public boolean required() {
        return required;
    }

    /** The canonical name, as in the input contract. */
    public String canonicalName() {
        return names.get(0);
    }

    public List<String> names() {
        return names;
    }

    boolean matches(String header) {
        String normalized = Names.normalize(header);
        return names.stream().anyMatch(name -> Names.normalize(name).equals(normalized));
    }
}
