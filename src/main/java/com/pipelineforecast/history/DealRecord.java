package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;

import com.pipelineforecast.history.DealSnapshotRepository.DealRow;
import com.pipelineforecast.history.DealSnapshotRepository.OpenDeal;
import com.pipelineforecast.history.DealSnapshotRepository.RollupRow;

/**
 * One deal of a run as the reports read it ({@link DealRecords}): as ingest weighed it, with the stage dates the
 * previous run carried into it, and with what the duplicate check revised ({@link #revised}).
 */
public record DealRecord(String file, int line, String dealId, String dealName, String account, String owner,
        String team, String accountType, String claimedStage, int claimedOrder, String evidencedStage,
        int evidencedOrder, String category, boolean open, boolean won, boolean lead, boolean checklistAssessed,
        String crmForecastCategory, String currency, BigDecimal amount, BigDecimal amountReporting,
        LocalDate closeDate, Integer closeQuarter, LocalDate createdDate, LocalDate stageSince, long stagesSeen,
        LocalDate closedSince, BigDecimal crmProbability, BigDecimal probability, BigDecimal evidencedProbability,
        BigDecimal weightedReported, BigDecimal weightedAdjusted, int findingCount, String stageValue,
        List<Finding> findings, String duplicateKey) {

    /**
     * What the duplicate check changed on a deal after ingest: the evidence and weight it lowered (null where it
     * lowered nothing, only added findings).
     */
    public record Revision(int line, String evidencedStage, Integer evidencedOrder,
            BigDecimal evidencedProbability, BigDecimal weightedAdjusted) {
    }

    /** The deal as the duplicate check left it, with the findings it added ({@code added}, in their order). */
    public DealRecord revised(Revision r, List<Finding> added) {
        boolean lowered = r.evidencedStage() != null;
        List<Finding> all = new ArrayList<>(findings.size() + added.size());
        all.addAll(findings);
        all.addAll(added);
        return new DealRecord(file, line, dealId, dealName, account, owner, team, accountType, claimedStage,
                claimedOrder, lowered ? r.evidencedStage() : evidencedStage, lowered ? r.evidencedOrder()
                        : evidencedOrder, category, open, won, lead, checklistAssessed, crmForecastCategory, currency,
                amount, amountReporting, closeDate, closeQuarter, createdDate, stageSince, stagesSeen, closedSince,
                crmProbability, probability, lowered ? r.evidencedProbability() : evidencedProbability,
                weightedReported, lowered ? r.weightedAdjusted() : weightedAdjusted, findingCount + added.size(),
                stageValue, all, duplicateKey);
    }

    /** The deal with what the previous run carried into it (as ingested, its stage date is the exported one). */
    public DealRecord carrying(DealRecords.Carried c) {
        return new DealRecord(file, line, dealId, dealName, account, owner, team, accountType, claimedStage,
                claimedOrder, evidencedStage, evidencedOrder, category, open, won, lead, checklistAssessed,
                crmForecastCategory, currency, amount, amountReporting, closeDate, closeQuarter, createdDate,
                c.stageSince(), c.stagesSeen(), c.closedSince(), crmProbability, probability, evidencedProbability,
                weightedReported, weightedAdjusted, findingCount, stageValue, findings, duplicateKey);
    }

    /** What the deal's checklist does not evidence: weighted as reported less checklist-adjusted. */
    public BigDecimal gap() {
        return weightedReported.subtract(weightedAdjusted);
    }

    /** The checklist items the deal's evidence misses: its STAGE_NOT_EVIDENCED findings, in finding order. */
    public List<DealFindingRepository.MissingItem> missingItems() {
        List<DealFindingRepository.MissingItem> missing = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.code() == FindingCode.STAGE_NOT_EVIDENCED) {
                missing.add(new DealFindingRepository.MissingItem(finding.stage(), finding.item(), 1));
            }
        }
        return missing;
    }

    /** The deal's findings as findings.csv lists them. */
    public List<DealFindingRepository.FindingLine> findingLines(BigDecimal withGap) {
        return findings.stream().map(f -> new DealFindingRepository.FindingLine(file, line, dealId, f.code().name(),
                f.severity().name(), f.stage(), f.item(), f.message(), withGap)).toList();
    }

    /** An open deal that is no lead: what the watchlists weigh. */
    public boolean openForecast() {
        return open && !lead;
    }

    DealRow dealRow() {
        return new DealRow(file, line, dealId, dealName, account, owner, team, accountType, claimedStage,
                evidencedStage, category, open, won, lead, crmForecastCategory, currency, amount, amountReporting,
                closeDate, createdDate, stageSince, crmProbability, probability, evidencedProbability,
                weightedReported, weightedAdjusted, findingCount, stageValue);
    }

    RollupRow rollupRow() {
        return new RollupRow(claimedStage, category, crmForecastCategory, open, lead, won, closeDate, closeQuarter,
                owner, team, stageSince, amountReporting, weightedReported, weightedAdjusted, closedSince, stagesSeen,
                claimedOrder);
    }

    OpenDeal openDeal() {
        return new OpenDeal(file, line, dealId, dealName, account, owner, claimedStage, evidencedStage, closeDate,
                stageSince, amountReporting, weightedReported, weightedAdjusted, missingItems());
    }
}
