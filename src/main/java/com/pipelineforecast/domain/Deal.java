package com.pipelineforecast.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;


/**
 * One deal of a run's snapshot: what the export said, the stage it claims and the stage its checklist
 * evidences, and its weighted amounts in the reporting currency (cents, rounded half up per deal, so every
 * total is the sum of the deal rows). {@code stageValue} is the stage as exported; {@code checklistAssessed} says
 * whether its export carries any checklist item that could lower its stage.
 */
public record Deal(String file, int line, String dealId, String dealName, String account, String owner,
        String team, String accountType, String claimedStage, int claimedOrder, String evidencedStage,
        int evidencedOrder, String duplicateKey,
        String category, boolean open, boolean won, boolean lead, BigDecimal amount, String currency,
        BigDecimal amountReporting, LocalDate closeDate, Integer closeQuarter, LocalDate createdDate,
        LocalDate stageEnteredDate,
        BigDecimal crmProbability, String crmForecastCategory, BigDecimal probability,
        BigDecimal evidencedProbability, BigDecimal weightedReported, BigDecimal weightedAdjusted,
        List<Finding> findings, String stageValue, boolean checklistAssessed) {
}
