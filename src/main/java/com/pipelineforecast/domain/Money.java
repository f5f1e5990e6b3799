package com.pipelineforecast.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The rules of money, which is a {@link BigDecimal} (never a double): an amount in the reporting currency is kept
 * to cents, {@value #SCALE} decimals, rounded half up, deal by deal, so that every total is the sum of the deal rows
 * to the cent. Amounts stay plain BigDecimals in the records and rows; these are the operations that make one.
 */
public final class Money {

    /** The decimals of an amount in the reporting currency (the history's amount columns hold as many). */
    public static final int SCALE = 2;
    /** How an amount is rounded to cents. */
    private static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    /** No money, to the cent: {@code 0.00}. */
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    /** The precision of a currency conversion before its result is rounded: 34 significant digits. */
    private static final MathContext CONVERSION = MathContext.DECIMAL128;

    private Money() {
    }

    /** The amount to the cent, half up: {@code 10.005} is {@code 10.01}, {@code -10.005} is {@code -10.01}. */
    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(SCALE, ROUNDING);
    }

    /** A weighted amount: the amount times a probability (0 to 1), to the cent. */
    public static BigDecimal weighted(BigDecimal amount, BigDecimal probability) {
        return round(amount.multiply(probability));
    }

    /**
     * An amount in another currency: times the rate of its currency, divided by the rate of the other (both in units
     * of a common currency per unit), to {@link MathContext#DECIMAL128}. Unrounded: the caller rounds what it keeps
     * as an amount ({@link #round}) and compares the rest as it is.
     */
    public static BigDecimal convert(BigDecimal amount, BigDecimal fromRate, BigDecimal toRate) {
        return amount.multiply(fromRate).divide(toRate, CONVERSION);
    }

    /** The amount to the cent as plain digits, as run.json writes it: {@code 1234.50}, never {@code 1.2345E+3}. */
    public static String plain(BigDecimal amount) {
        return round(amount).toPlainString();
    }
}
