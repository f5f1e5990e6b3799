package com.pipelineforecast.ingest;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import com.pipelineforecast.domain.Money;

/**
 * Exchange rates from {@code fx-rates.csv} ({@code currency,rate}: units of the file's base currency per unit
 * of that currency). The base is the reporting currency unless the file lists the reporting currency too, in
 * which case amounts are converted through the base (cross rates).
 */
public final class FxRates {

    public static final String FILE_NAME = "fx-rates.csv";

    private final Map<String, BigDecimal> rates;
    private final String reportingCurrency;

    public FxRates(Map<String, BigDecimal> rates, String reportingCurrency) {
        this.rates = Map.copyOf(rates);
        this.reportingCurrency = reportingCurrency;
    }

    /** Rates outside these bounds are typing errors (or worse), not exchange rates. */
    private static final BigDecimal MIN_RATE = new BigDecimal("0.000000001");
    private static final BigDecimal MAX_RATE = new BigDecimal("1000000000");
    private static final int MAX_DIGITS = 20;

    private static String shorten(String text) {
        return TextLimits.cut(text, 40);
    }

    public static FxRates none(String reportingCurrency) {
        return new FxRates(Map.of(), reportingCurrency);
    }

    public static FxRates load(Path file, String reportingCurrency) {
        Map<String, BigDecimal> rates = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true).get();
            for (CSVRecord record : format.parse(reader)) {
                if (!record.isMapped("currency") || !record.isMapped("rate")) {
                    throw new InputUnusableException(file + ": expected the columns currency,rate; found "
                            + String.join(",", record.getParser().getHeaderNames()));
                }
                String currency = record.get("currency").toUpperCase(Locale.ROOT);
                String text = record.get("rate");
                if (currency.isBlank() && text.isBlank()) {
                    continue;
                }
                BigDecimal rate;
                try {
                    rate = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new InputUnusableException(file + " line " + (record.getRecordNumber() + 1)
                            + ", column rate: '" + shorten(text) + "' is not a number");
                }
                if (!AmountParser.isCurrencyCode(currency) || rate.signum() <= 0) {
                    throw new InputUnusableException(file + " line " + (record.getRecordNumber() + 1)
                            + ": expected an ISO currency code and a positive rate, found '" + shorten(currency)
                            + "', '" + shorten(text) + "'");
                }
                if (rate.compareTo(MIN_RATE) < 0 || rate.compareTo(MAX_RATE) > 0
                        || rate.stripTrailingZeros().precision() > MAX_DIGITS) {
                    throw new InputUnusableException(file + " line " + (record.getRecordNumber() + 1)
                            + ", column rate: '" + shorten(text) + "' is not a usable exchange rate (expected "
                            + MIN_RATE.toPlainString() + " to " + MAX_RATE.toPlainString() + ", at most " + MAX_DIGITS
                            + " significant digits)");
                }
                rates.put(currency, rate);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw InputUnusableException.cannotRead(file, e);
        }
        return new FxRates(rates, reportingCurrency);
    }

    /** The amount in the target currency, unrounded (the caller rounds money to cents), or empty without a rate. */
    public Optional<BigDecimal> convert(BigDecimal amount, String from, String to) {
        if (from.equals(to)) {
            return Optional.of(amount);
        }
        BigDecimal fromRate = rate(from);
        BigDecimal toRate = rate(to);
        if (fromRate == null || toRate == null) {
            return Optional.empty();
        }
        return Optional.of(Money.convert(amount, fromRate, toRate));
    }

    /**
     * Units of {@code to} per unit of every currency these rates convert (and 1 for {@code to} itself): the rate
     * {@link #convert} multiplies an amount by, for reports to show beside converted amounts.
     */
    public Map<String, BigDecimal> ratesTo(String to) {
        Map<String, BigDecimal> result = new java.util.TreeMap<>();
        java.util.Set<String> currencies = new java.util.TreeSet<>(rates.keySet());
        currencies.add(reportingCurrency);
        currencies.add(to);
        for (String currency : currencies) {
            convert(BigDecimal.ONE, currency, to).ifPresent(rate -> result.put(currency, rate));
        }
        return result;
    }

    public boolean knows(String currency) {
        return rate(currency) != null;
    }

    private BigDecimal rate(String currency) {
        BigDecimal rate = rates.get(currency);
        if (rate == null && currency.equals(reportingCurrency)) {
            return BigDecimal.ONE;
        }
        return rate;
    }
}
