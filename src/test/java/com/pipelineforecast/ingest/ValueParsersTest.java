package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "12345.67|12345.67|", "12,345.67|12345.67|", "12.345,67|12345.67|", "12 345,67|12345.67|",
        "'12345|12345|", "(1,234.00)|-1234.00|", "€ 1.234,56|1234.56|EUR", "฿1,234|1234|THB",
        "USD 485,000.00|485000.00|USD", "$1,000|1000|", "-250.5|-250.5|", "1,5|1.5|", "0.25|0.25|"})
    void readsAmountsAsCrmsExportThem(String text, String amount, String currency) {
        AmountParser.Money money = AmountParser.parse(text);
        assertThat(money.amount()).isEqualByComparingTo(amount);
        assertThat(money.currency()).isEqualTo(currency);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twelve thousand", "12..5", "1.234.5,6,7", "12-3", "abc", "1,2,3.4.5", "12 EURO"})
    void refusesWhatIsNotAnAmount(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> AmountParser.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"2026-11-22,2026-11-22", "22.11.2026,2026-11-22", "11/22/2026,2026-11-22", "3/1/2017,2017-03-01",
        "22/11/2026,2026-11-22", "2026/11/22,2026-11-22", "2024-01-22T16:14:25.000+0000,2024-01-22",
        "46348,2026-11-22", "1.2.2027,2027-02-01"})
    void readsDates(String text, LocalDate expected) {
        assertThat(DateParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31.02.2026", "2026-13-01", "next week", "32/01/2026"})
    void refusesImpossibleDates(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DateParser.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"90|0.9", "90%|0.9", "0.9|0.9", "25,0000000000|0.25", "0|0", "100|1"})
    void readsProbabilitiesAsFractions(String text, BigDecimal expected) {
        assertThat(PercentParser.parse(text)).isEqualByComparingTo(expected);
    }

    @Test
    void saysHowDatesAreReadAndAssumesNothingOfIsoDates() {
        assertThat(DateReader.DETECT.decidedBy(java.util.List.of("2026-11-22", "2027-01-31")).description())
                .isEqualTo("yyyy-MM-dd (a slashed date would be read M/d/yyyy)");
        assertThat(DateReader.DETECT.decidedBy(java.util.List.of("03/04/2026")).description())
                .isEqualTo("M/d/yyyy (assumed)");
        assertThat(DateReader.DETECT.decidedBy(java.util.List.of("31/01/2026")).description()).isEqualTo("d/M/yyyy");
        assertThat(DateReader.DETECT.decidedBy(java.util.List.of("2026-11-22")).read("12/31/2026"))
                .isEqualTo(java.time.LocalDate.of(2026, 12, 31));
    }
}
