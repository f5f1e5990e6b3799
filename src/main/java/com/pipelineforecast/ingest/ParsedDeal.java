package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.pipelineforecast.playbook.Stage;

/**
 * A row read as a deal: typed values, the claimed stage resolved through the playbook (or the outcome its status
 * columns give), the amount converted to the reporting currency (rounded to cents; zero when the amount is
 * blank). {@code stageValue} is the stage as exported; {@code exportedItems} the checklist items its export
 * carries (null: every item, as when a caller builds a deal by hand).
 */
public record ParsedDeal(String file, int line, String dealId, String dealName, String account, String owner,
        String team, String accountType, Stage claimedStage, BigDecimal amount, String currency,
        BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageEnteredDate,
        BigDecimal crmProbability, String crmForecastCategory, Map<String, String> itemValues, String checklist,
        Map<String, String> extraValues, List<ParseNote> parseNotes, String stageValue, Set<String> exportedItems) {

    public ParsedDeal(String file, int line, String dealId, String dealName, String account, String owner,
            String team, String accountType, Stage claimedStage, BigDecimal amount, String currency,
            BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageEnteredDate,
            BigDecimal crmProbability, String crmForecastCategory, Map<String, String> itemValues, String checklist,
            Map<String, String> extraValues, List<ParseNote> parseNotes) {
        this(file, line, dealId, dealName, account, owner, team, accountType, claimedStage, amount, currency,
                amountReporting, closeDate, createdDate, stageEnteredDate, crmProbability, crmForecastCategory,
                itemValues, checklist, extraValues, parseNotes, claimedStage.name(), null);
    }

    /** Whether the export carries this checklist item at all; an item it does not carry is not assessed. */
    public boolean exports(String itemId) {
        return exportedItems == null || exportedItems.contains(itemId);
    }
}
