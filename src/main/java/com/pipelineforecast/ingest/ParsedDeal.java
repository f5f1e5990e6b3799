package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.playbook.Stage;

/**
 * A row read as a deal: typed values, the claimed stage resolved through the playbook, the amount converted
 * to the reporting currency (rounded to cents; zero when the amount is blank).
 */
public record ParsedDeal(String file, int line, String dealId, String dealName, String account, String owner,
        String team, String accountType, Stage claimedStage, BigDecimal amount, String currency,
        BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageEnteredDate,
        BigDecimal crmProbability, String crmForecastCategory, Map<String, String> itemValues, String checklist,
        Map<String, String> extraValues, List<ParseNote> parseNotes) {
}
