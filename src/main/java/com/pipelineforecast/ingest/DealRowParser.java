package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.domain.RejectionReason;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Interprets a {@link SourceRow} as a deal, or refuses it with a {@link RowRejectedException} that names the
 * column, the value and the reason. Blank amounts and close dates are kept (with a finding code), unreadable
 * values are refused.
 */
public final class DealRowParser {

    private final Playbook playbook;
    private final FxRates fxRates;
    private final String reportingCurrency;
    private final String defaultCurrency;
    private final StageResolver stages;

    public DealRowParser(Playbook playbook, FxRates fxRates, String reportingCurrency, String defaultCurrency) {
        this(playbook, fxRates, reportingCurrency, defaultCurrency, ColumnMapping.BUILT_IN);
    }

    public DealRowParser(Playbook playbook, FxRates fxRates, String reportingCurrency, String defaultCurrency,
            ColumnMapping mapping) {
        this.stages = new StageResolver(playbook, mapping, StageVocabulary.BUILT_IN);
        this.playbook = playbook;
        this.fxRates = fxRates;
        this.reportingCurrency = reportingCurrency;
        this.defaultCurrency = defaultCurrency;
    }

    public ParsedDeal parse(SourceRow row) {
        String dealId = row.value(CanonicalColumn.DEAL_ID);
        if (dealId == null) {
            throw new RowRejectedException(row.headerOf(CanonicalColumn.DEAL_ID), "", RejectionReason.NO_DEAL_ID,
                    "the row has no deal id");
        }
        String stageText = row.value(CanonicalColumn.STAGE);
        List<ParseNote> findings = new ArrayList<>(2);
        Stage stage = stage(row, stageText, findings);

        String amountText = row.value(CanonicalColumn.AMOUNT);
        AmountParser.Money money = amountText == null ? null
                : read(row, CanonicalColumn.AMOUNT, AmountParser::parse, RejectionReason.BAD_AMOUNT);
        String currency = currency(row, money);
        BigDecimal amountReporting = Money.ZERO;
        if (money == null) {
            findings.add(new ParseNote(FindingCode.AMOUNT_MISSING, row.headerOf(CanonicalColumn.AMOUNT), null));
        } else {
            BigDecimal converted = fxRates.convert(money.amount(), currency, reportingCurrency)
                    .orElseThrow(() -> new RowRejectedException(row.headerOf(CanonicalColumn.CURRENCY), currency,
                            RejectionReason.NO_FX_RATE, "no exchange rate for " + currency + " to "
                                    + reportingCurrency + " in " + FxRates.FILE_NAME));
            try {
                AmountParser.checkLimit(converted);
            } catch (IllegalArgumentException e) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.AMOUNT), amountText,
                        RejectionReason.BAD_AMOUNT, "converted to " + reportingCurrency + ", " + e.getMessage());
            }
            amountReporting = Money.round(converted);
        }

        LocalDate closeDate = date(row, CanonicalColumn.CLOSE_DATE, findings);
        if (closeDate == null && stage.isOpen()
                && findings.stream().noneMatch(n -> n.code() == FindingCode.PLACEHOLDER_DATE)) {
            findings.add(new ParseNote(FindingCode.CLOSE_DATE_MISSING, row.headerOf(CanonicalColumn.CLOSE_DATE),
                    null));
        }
        BigDecimal crmProbability = row.value(CanonicalColumn.PROBABILITY) == null ? null
                : read(row, CanonicalColumn.PROBABILITY, PercentParser::parse, RejectionReason.BAD_PROBABILITY);

        return new ParsedDeal(row.file(), row.line(), dealId, row.value(CanonicalColumn.DEAL_NAME),
                row.value(CanonicalColumn.ACCOUNT), row.value(CanonicalColumn.OWNER), row.value(CanonicalColumn.TEAM),
                row.value(CanonicalColumn.ACCOUNT_TYPE), stage, money == null ? null : money.amount(), currency,
                amountReporting, closeDate, date(row, CanonicalColumn.CREATED_DATE, findings),
                date(row, CanonicalColumn.STAGE_ENTERED_DATE, findings), crmProbability,
                row.value(CanonicalColumn.FORECAST_CATEGORY), row.itemValues(), row.value(CanonicalColumn.CHECKLIST),
                row.extraValues(), findings, stageText, row.header().exportedItems());
    }

    /** Whether the row's status columns say the record was deleted: not a deal, recorded as a skipped line. */
    public static boolean deleted(SourceRow row) {
        DealStatus status = DealStatus.of(row);
        return status != null && status.kind() == DealStatus.Kind.DELETED;
    }

    /**
     * The stage the row claims: its stage value resolved, unless its status columns say otherwise. Won or lost is
     * the playbook's won or lost stage whatever the stage reads (a stage nobody knows included); open on a closed
     * stage is the first forecast stage, the lowest claim the status supports. Each override is a finding; an
     * unknown stage of an open deal is still rejected, so that it is reported with its mapping line.
     */
    private Stage stage(SourceRow row, String stageText, List<ParseNote> notes) {
        Stage read = stages.resolve(stageText).map(StageResolver.Resolution::stage).orElse(null);
        DealStatus status = DealStatus.of(row);
        String unreadable = DealStatus.unreadable(row);
        if (status == null && unreadable != null) {
            notes.add(new ParseNote(FindingCode.STATUS_NOT_READ, unreadable, stageText));
        }
        String readAs = stageText == null ? "" : stageText;
        if (status != null && (status.kind() == DealStatus.Kind.WON || status.kind() == DealStatus.Kind.LOST)) {
            Outcome said = status.kind() == DealStatus.Kind.WON ? Outcome.WON : Outcome.LOST;
            Stage outcome = playbook.stages().stream().filter(s -> s.outcome() == said).findFirst().orElse(null);
            if (outcome != null && (read == null || read.outcome() != said)) {
                notes.add(new ParseNote(FindingCode.STATUS_OVERRIDES_STAGE, status.text(), readAs));
                return outcome;
            }
        } else if (status != null && status.kind() == DealStatus.Kind.OPEN && read != null && !read.isOpen()) {
            Stage first = playbook.stages().stream().filter(Stage::isForecast).findFirst().orElse(null);
            if (first != null) {
                notes.add(new ParseNote(FindingCode.STATUS_STAGE_CONFLICT, status.text(), readAs));
                return first;
            }
        }
        if (read == null) {
            if (stageText == null) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.STAGE), readAs, RejectionReason.NO_STAGE,
                        "the row has no stage");
            }
            throw new RowRejectedException(row.headerOf(CanonicalColumn.STAGE), readAs, RejectionReason.UNKNOWN_STAGE,
                    "not a stage, name or alias of playbook " + playbook.id()
                            + " nor a known CRM stage name; map it in a mapping file");
        }
        return read;
    }

    private String currency(SourceRow row, AmountParser.Money money) {
        String column = row.value(CanonicalColumn.CURRENCY);
        if (column != null) {
            String code = column.toUpperCase(Locale.ROOT);
            if (!AmountParser.isCurrencyCode(code) && CurrencyNames.code(column) != null) {
                code = CurrencyNames.code(column);
            }
            if (!AmountParser.isCurrencyCode(code)) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.CURRENCY), column,
                        RejectionReason.BAD_CURRENCY, "neither an ISO 4217 currency code nor a currency name");
            }
            if (money != null && money.currency() != null && !money.currency().equals(code)) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.AMOUNT), row.value(CanonicalColumn.AMOUNT),
                        RejectionReason.CURRENCY_CONFLICT, "the amount is in " + money.currency()
                                + " but the currency column says " + code);
            }
            return code;
        }
        return money != null && money.currency() != null ? money.currency() : defaultCurrency;
    }

    /** A date, or null when blank; placeholder dates (year 1900 or before, 3000 or after) are noted, not used. */
    private static LocalDate date(SourceRow row, CanonicalColumn column, List<ParseNote> notes) {
        if (row.value(column) == null) {
            return null;
        }
        LocalDate date = read(row, column, row.header().dates()::read, RejectionReason.BAD_DATE);
        if (date.getYear() <= 1900 || date.getYear() >= 3000) {
            notes.add(new ParseNote(FindingCode.PLACEHOLDER_DATE, row.headerOf(column), row.value(column)));
            return null;
        }
        return date;
    }

    private static <T> T read(SourceRow row, CanonicalColumn column, Function<String, T> parser,
            RejectionReason reason) {
        String value = row.value(column);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(row.headerOf(column), value, reason, e.getMessage());
        }
    }
}
