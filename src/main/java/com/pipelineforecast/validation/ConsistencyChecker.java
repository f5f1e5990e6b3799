package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Stage;

/**
 * Checks of a deal against itself and the run date, beside its checklist: a lead that carries an amount, a
 * CRM probability far from the stage's, a CRM forecast category other than the stage's, an open deal whose
 * close date has passed.
 */
public final class ConsistencyChecker {

    private final LocalDate runDate;
    private final BigDecimal probabilityMargin;

    public ConsistencyChecker(LocalDate runDate, BigDecimal probabilityMargin) {
        this.runDate = runDate;
        this.probabilityMargin = probabilityMargin;
    }

    public List<Finding> check(ParsedDeal deal) {
        List<Finding> findings = new ArrayList<>(2);
        Stage stage = deal.claimedStage();
        if (stage.lead() && deal.amount() != null && deal.amount().signum() != 0) {
            findings.add(new Finding(FindingCode.LEAD_IN_PIPELINE, stage.id(), null,
                    "a lead with an amount (" + deal.amount().toPlainString() + " " + deal.currency()
                            + "): leads are counted, never weighted"));
        }
        BigDecimal crm = deal.crmProbability();
        if (crm != null && crm.subtract(stage.probability()).abs().compareTo(probabilityMargin) > 0) {
            findings.add(new Finding(FindingCode.PROBABILITY_MISMATCH, stage.id(), null,
                    "the CRM says " + percent(crm) + ", stage " + stage.id() + " has " + percent(stage.probability())));
        }
        String crmCategory = deal.crmForecastCategory();
        if (crmCategory != null && !Names.normalize(crmCategory).equals(Names.normalize(stage.category().id()))) {
            findings.add(new Finding(FindingCode.CATEGORY_MISMATCH, stage.id(), null,
                    "the CRM's forecast category is '" + crmCategory + "', stage " + stage.id() + " is "
                            + stage.category().id()));
        }
        if (stage.isOpen() && deal.closeDate() != null && deal.closeDate().isBefore(runDate)) {
            findings.add(new Finding(FindingCode.CLOSE_DATE_PASSED, stage.id(), null,
                    "open deal whose close date " + deal.closeDate() + " is before the run date " + runDate));
        }
        return findings;
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
