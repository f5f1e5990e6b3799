package com.pipelineforecast.ingest;

import java.util.List;

import com.pipelineforecast.playbook.Names;

/**
 * The columns the job understands, with the header names CRMs export them under. Headers match ignoring
 * case, spaces and punctuation; the first header that matches a column wins.
 */
public enum CanonicalColumn {
    DEAL_ID(true, "deal_id", "id", "opportunity_id", "opportunity id", "record id", "deal id", "opportunityid",
            "(do not modify) opportunity", "deal - id", "opportunity number"),
    DEAL_NAME(false, "deal_name", "deal name", "opportunity name", "name", "topic", "title", "deal - title",
            "opportunity", "potential name"),
    ACCOUNT(false, "account", "account name", "account_name", "company", "customer", "potential customer",
            "organization", "deal - organization", "company name", "associated company"),
    OWNER(false, "owner", "opportunity owner", "deal owner", "sales_agent", "sales agent", "salesperson",
            "owner name", "ownerid", "deal - owner", "owner id", "full name (owning user)"),
    TEAM(false, "team", "sales team", "owner team", "team name", "owner role", "territory"),
    ACCOUNT_TYPE(false, "account_type", "account type", "customer type", "account segment"),
    STAGE(true, "stage", "stage name", "stagename", "deal stage", "deal_stage", "sales stage", "pipeline phase",
            "deal - stage", "sales stage name"),
    AMOUNT(true, "amount", "deal value", "value", "close_value", "est. revenue", "estimated revenue",
            "expected revenue", "deal - value", "opportunity amount", "amount (deal)", "est revenue"),
    CURRENCY(false, "currency", "currency code", "currencyisocode", "amount currency", "deal - currency",
            "opportunity currency", "currency iso code"),
    CLOSE_DATE(true, "close_date", "close date", "closedate", "est. close date", "estimated close date",
            "expected closing", "closing date", "expected close date", "deal - expected close date",
            "est close date"),
    CREATED_DATE(false, "created_date", "created date", "createddate", "create date", "deal - deal created",
            "created on", "created"),
    STAGE_ENTERED_DATE(false, "stage_entered_date", "stage entered date", "last stage change date",
            "stage change date", "laststagechangedate", "deal - last stage change", "date entered current stage"),
    PROBABILITY(false, "probability", "probability (%)", "deal probability", "probability %",
            "deal - probability", "win probability"),
    FORECAST_CATEGORY(false, "forecast_category", "forecast category", "forecastcategoryname",
            "forecastcategory", "forecast category name", "forecast type"),
    CHECKLIST(false, "checklist", "checklist done", "done items"),
    /** Open, won, lost or deleted: Dynamics 365 "Status", Pipedrive "Deal - Status". Wins over the stage. */
    STATUS(false, "status", "deal - status", "deal status", "opportunity status", "statecode"),
    /** Dynamics 365 "Status Reason": In Progress, On Hold (open), Won, Canceled, Out-Sold (lost). */
    STATUS_REASON(false, "status_reason", "status reason", "statuscode"),
    /** Salesforce IsWon (report exports: Won), HubSpot "Is Closed Won": 1/true = won; Salesforce writes false as blank. */
    IS_WON(false, "is_won", "iswon", "is closed won", "hs_is_closed_won", "won"),
    /** Salesforce IsClosed (report exports: Closed), HubSpot "Is Deal Closed?": 1/true = closed (won or lost). */
    IS_CLOSED(false, "is_closed", "isclosed", "is deal closed", "hs_is_closed", "closed"),
    /** Salesforce IsDeleted: a deleted record is not a deal (recorded as a skipped line). */
    IS_DELETED(false, "is_deleted", "isdeleted");

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

    /** The column whose canonical name or built-in alias is this (normalised) name, if any. */
    static CanonicalColumn byName(String normalizedName) {
        for (CanonicalColumn column : values()) {
            for (String name : column.names) {
                if (Names.normalize(name).equals(normalizedName)) {
                    return column;
                }
            }
        }
        return null;
    }
}
