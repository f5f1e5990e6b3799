package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.util.Map;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Stage;

/**
 * Weighs a checked deal. As reported: amount × probability of the claimed stage; checklist-adjusted: amount ×
 * probability of the evidenced stage. Leads weigh nothing. Closed deals keep their outcome: a won deal weighs
 * its amount in both forecasts, a lost one nothing. Each weighted amount is rounded to cents half up.
 */
public final class DealWeigher {

    private final FiscalCalendar calendar;
    private final Map<String, BigDecimal> calibrated;

    public DealWeigher() {
        this(FiscalCalendar.CALENDAR_YEAR, Map.of());
    }

    /** @param calibrated observed win rates that replace the playbook's probability of their stages */
    public DealWeigher(FiscalCalendar calendar, Map<String, BigDecimal> calibrated) {
        this.calendar = calendar;
        this.calibrated = Map.copyOf(calibrated);
    }

    /** The probability this run weighs a stage with: calibrated where enough history backs it, else the playbook's. */
    public BigDecimal probability(Stage stage) {
        return stage.isForecast() ? calibrated.getOrDefault(stage.id(), stage.probability()) : stage.probability();
    }

    public Deal weigh(ParsedDeal deal, CheckResult check) {
        Stage claimed = deal.claimedStage();
        Stage evidenced = claimed.isOpen() ? check.evidencedStage() : claimed;
        BigDecimal reported = weight(deal.amountReporting(), claimed);
        BigDecimal adjusted = weight(deal.amountReporting(), evidenced);
        return new Deal(deal.file(), deal.line(), deal.dealId(), deal.dealName(), deal.account(), deal.owner(),
                deal.team(), deal.accountType(), claimed.id(), claimed.order(), evidenced.id(), evidenced.order(),
                duplicateKey(deal),
                claimed.category().id(), claimed.isOpen(), claimed.outcome() == Outcome.WON, claimed.lead(),
                deal.amount(), deal.currency(), deal.amountReporting(), deal.closeDate(),
                deal.closeDate() == null ? null : calendar.quarterKey(deal.closeDate()), deal.createdDate(),
                deal.stageEnteredDate(), deal.crmProbability(), deal.crmForecastCategory(), probability(claimed),
                probability(evidenced), reported, adjusted, check.findings(), deal.stageValue(),
                check.assessed());
    }

    /** Account and deal name, normalised: two deals with the same key under different ids are duplicates. */
    static String duplicateKey(ParsedDeal deal) {
        if (deal.account() == null || deal.dealName() == null) {
            return null;
        }
        String account = Names.normalize(deal.account());
        String name = Names.normalize(deal.dealName());
        if (account.isEmpty() || name.isEmpty()) {
            return null;
        }
        String key = account + "|" + name;
        // a key too long for its column is kept as its SHA-256: equal keys stay equal
        return key.length() <= LONG_KEY ? key : "sha256:" + sha256(key);
    }

    private static final int LONG_KEY = 4_096;

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public BigDecimal weight(BigDecimal amount, Stage stage) {
        if (stage.lead()) {
            return Money.ZERO;
        }
        return Money.weighted(amount, probability(stage));
    }
}
