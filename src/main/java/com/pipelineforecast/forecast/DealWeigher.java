package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Stage;
import com.pipelineforecast.validation.CheckResult;

/**
 * Weighs a checked deal. As reported: amount × probability of the claimed stage; checklist-adjusted: amount ×
 * probability of the evidenced stage. Leads weigh nothing. Closed deals keep their outcome: a won deal weighs
 * its amount in both forecasts, a lost one nothing. Each weighted amount is rounded to cents half up.
 */
public final class DealWeigher {

    public Deal weigh(ParsedDeal deal, CheckResult check) {
        Stage claimed = deal.claimedStage();
        Stage evidenced = claimed.isOpen() ? check.evidencedStage() : claimed;
        BigDecimal reported = weight(deal.amountReporting(), claimed);
        BigDecimal adjusted = weight(deal.amountReporting(), evidenced);
        return new Deal(deal.file(), deal.line(), deal.dealId(), deal.dealName(), deal.account(), deal.owner(),
                deal.team(), deal.accountType(), claimed.id(), claimed.order(), evidenced.id(), evidenced.order(),
                duplicateKey(deal),
                claimed.category().id(), claimed.isOpen(), claimed.outcome() == Outcome.WON, claimed.lead(),
                deal.amount(), deal.currency(), deal.amountReporting(), deal.closeDate(), deal.createdDate(),
                deal.stageEnteredDate(), deal.crmProbability(), deal.crmForecastCategory(), claimed.probability(),
                evidenced.probability(), reported, adjusted, check.findings());
    }

    /** Account and deal name, normalised: two deals with the same key under different ids are duplicates. */
    static String duplicateKey(ParsedDeal deal) {
        if (deal.account() == null || deal.dealName() == null) {
            return null;
        }
        String account = Names.normalize(deal.account());
        String name = Names.normalize(deal.dealName());
        return account.isEmpty() || name.isEmpty() ? null : account + "|" + name;
    }

    public static BigDecimal weight(BigDecimal amount, Stage stage) {
        if (stage.lead()) {
            return BigDecimal.ZERO.setScale(2);
        }
        return amount.multiply(stage.probability()).setScale(2, RoundingMode.HALF_UP);
    }
}
