package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Interprets a {@link SourceRow} as a deal, or refuses it with a {@link RowRejectedException} that names the
 * column, the value and the reason. Blank amounts and close dates are kept (with a finding code), unreadable
 * values are refused.
 */
public final class DealRowParser {

    public static final String AMOUNT_MISSING = "AMOUNT_MISSING";
    public static final String CLOSE_DATE_MISSING = "CLOSE_DATE_MISSING";
    public static final String PLACEHOLDER_DATE = "PLACEHOLDER_DATE";

    private final Playbook playbook;
    private final FxRates fxRates;
    private final String reportingCurrency;
    private final String defaultCurrency;
    private final ColumnMapping mapping;

    public DealRowParser(Playbook playbook, FxRates fxRates, String reportingCurrency, String defaultCurrency) {
        this(playbook, fxRates, reportingCurrency, defaultCurrency, ColumnMapping.BUILT_IN);
    }

    public DealRowParser(Playbook playbook, FxRates fxRates, String reportingCurrency, String defaultCurrency,
            ColumnMapping mapping) {
        this.mapping = mapping;
        this.playbook = playbook;
        this.fxRates = fxRates;
        this.reportingCurrency = reportingCurrency;
        this.defaultCurrency = defaultCurrency;
    }

    public ParsedDeal parse(SourceRow row) {
        String dealId = row.value(CanonicalColumn.DEAL_ID);
        if (dealId == null) {
            throw new RowRejectedException(row.headerOf(CanonicalColumn.DEAL_ID), "", "NO_DEAL_ID: the row has no deal id");
        }
        String stageText = row.value(CanonicalColumn.STAGE);
        Stage stage = playbook.resolve(mapping.stageFor(stageText)).orElseThrow(() -> new RowRejectedException(
                row.headerOf(CanonicalColumn.STAGE), stageText == null ? "" : stageText,
                stageText == null ? "NO_STAGE: the row has no stage"
                        : "UNKNOWN_STAGE: not a stage, name or alias of playbook " + playbook.id()));
        List<ParseNote> findings = new ArrayList<>(2);

        String amountText = row.value(CanonicalColumn.AMOUNT);
        AmountParser.Money money = amountText == null ? null
                : read(row, CanonicalColumn.AMOUNT, AmountParser::parse, "BAD_AMOUNT");
        String currency = currency(row, money);
        BigDecimal amountReporting = BigDecimal.ZERO.setScale(2);
        if (money == null) {
            findings.add(new ParseNote(AMOUNT_MISSING, row.headerOf(CanonicalColumn.AMOUNT), null));
        } else {
            BigDecimal converted = fxRates.convert(money.amount(), currency, reportingCurrency)
                    .orElseThrow(() -> new RowRejectedException(row.headerOf(CanonicalColumn.CURRENCY), currency,
                            "NO_FX_RATE: no exchange rate for " + currency + " to " + reportingCurrency + " in "
                                    + FxRates.FILE_NAME));
            try {
                AmountParser.checkLimit(converted);
            } catch (IllegalArgumentException e) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.AMOUNT), amountText,
                        "BAD_AMOUNT: converted to " + reportingCurrency + ", " + e.getMessage());
            }
            amountReporting = converted.setScale(2, RoundingMode.HALF_UP);
        }

        LocalDate closeDate = date(row, CanonicalColumn.CLOSE_DATE, findings);
        if (closeDate == null && stage.isOpen() && findings.stream().noneMatch(n -> n.code().equals(PLACEHOLDER_DATE))) {
            findings.add(new ParseNote(CLOSE_DATE_MISSING, row.headerOf(CanonicalColumn.CLOSE_DATE), null));
        }
        BigDecimal crmProbability = row.value(CanonicalColumn.PROBABILITY) == null ? null
                : read(row, CanonicalColumn.PROBABILITY, PercentParser::parse, "BAD_PROBABILITY");

        return new ParsedDeal(row.file(), row.line(), dealId, row.value(CanonicalColumn.DEAL_NAME),
                row.value(CanonicalColumn.ACCOUNT), row.value(CanonicalColumn.OWNER), row.value(CanonicalColumn.TEAM),
                row.value(CanonicalColumn.ACCOUNT_TYPE), stage, money == null ? null : money.amount(), currency,
                amountReporting, closeDate, date(row, CanonicalColumn.CREATED_DATE, findings),
                date(row, CanonicalColumn.STAGE_ENTERED_DATE, findings), crmProbability,
                row.value(CanonicalColumn.FORECAST_CATEGORY), row.itemValues(), row.value(CanonicalColumn.CHECKLIST),
                row.extraValues(), findings);
    }

    private String currency(SourceRow row, AmountParser.Money money) {
        String column = row.value(CanonicalColumn.CURRENCY);
        if (column != null) {
            String code = column.toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{3}")) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.CURRENCY), column,
                        "BAD_CURRENCY: not an ISO 4217 currency code");
            }
            if (money != null && money.currency() != null && !money.currency().equals(code)) {
                throw new RowRejectedException(row.headerOf(CanonicalColumn.AMOUNT), row.value(CanonicalColumn.AMOUNT),
                        "CURRENCY_CONFLICT: the amount is in " + money.currency() + " but the currency column says "
                                + code);
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
        LocalDate date = read(row, column, row.header().dates()::read, "BAD_DATE");
        if (date.getYear() <= 1900 || date.getYear() >= 3000) {
            notes.add(new ParseNote(PLACEHOLDER_DATE, row.headerOf(column), row.value(column)));
            return null;
        }
        return date;
    }

    private static <T> T read(SourceRow row, CanonicalColumn column, Function<String, T> parser, String code) {
        String value = row.value(column);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(row.headerOf(column), value, code + ": " + e.getMessage());
        }
    }
}
