package com.pipelineforecast.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    /** Half up, away from zero: half a cent is a cent more (half even would give 0.12, 100.00 and 2.34). */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"0.125, 0.13", "100.005, 100.01", "2.345, 2.35", "2.335, 2.34", "10.004, 10.00", "-10.005, -10.01",
        "-0.004, 0.00", "7, 7.00", "1234.5, 1234.50", "999999999999999.994, 999999999999999.99"})
    void amountsAreRoundedToCentsHalfUp(BigDecimal amount, String cents) {
        BigDecimal rounded = Money.round(amount);
        assertThat(rounded.toPlainString()).isEqualTo(cents);
        assertThat(rounded.scale()).isEqualTo(2);
    }

    @Test
    void zeroIsZeroCents() {
        assertThat(Money.ZERO.toPlainString()).isEqualTo("0.00");
        assertThat(Money.ZERO.scale()).isEqualTo(Money.SCALE);
    }

    @ParameterizedTest(name = "{0} × {1} = {2}")
    @CsvSource({"1000.05, 0.1, 100.01", "99999.99, 0.333333, 33333.30", "12345.67, 0.6, 7407.40",
        "250.00, 1, 250.00", "250.00, 0, 0.00", "0.01, 0.5, 0.01", "0.01, 0.4, 0.00"})
    void aWeightedAmountIsTheAmountTimesTheProbabilityToTheCent(BigDecimal amount, BigDecimal probability,
            String weighted) {
        assertThat(Money.weighted(amount, probability).toPlainString()).isEqualTo(weighted);
    }

    @Test
    void aConversionIsUnroundedToThirtyFourDigitsUntilItIsRounded() {
        BigDecimal euros = Money.convert(new BigDecimal("100"), BigDecimal.ONE, new BigDecimal("1.08"));
        assertThat(euros.toPlainString()).isEqualTo("92.59259259259259259259259259259259");
        assertThat(Money.round(euros).toPlainString()).isEqualTo("92.59");
        BigDecimal dollars = Money.convert(new BigDecimal("250.00"), new BigDecimal("1.08"), BigDecimal.ONE);
        assertThat(dollars.toPlainString()).isEqualTo("270.0000");
        assertThat(Money.round(dollars).toPlainString()).isEqualTo("270.00");
    }

    @Test
    void plainIsTheCentsWithoutExponent() {
        assertThat(Money.plain(new BigDecimal("1.2345E+3"))).isEqualTo("1234.50");
        assertThat(Money.plain(new BigDecimal("1E+7"))).isEqualTo("10000000.00");
        assertThat(Money.plain(new BigDecimal("-0.005"))).isEqualTo("-0.01");
    }
}
