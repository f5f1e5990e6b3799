package com.pipelineforecast.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one normalisation of headers, stage names and item ids: ASCII texts (the fast path) and any script. */
class NamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Close Date|closedate",
        "close_date|closedate",
        "CLOSE-DATE|closedate",
        "closedate|closedate",
        "Stage 4 - Negotiation/Review|stage4negotiationreview",
        "  --  |''",
        "Renewal 2026 (Q1)|renewal2026q1",
        "Größe|größe",
        "İstanbul|i̇stanbul",
        "เสนอราคา แล้ว|เสนอราคาแล้ว",
        "合同 签订|合同签订",
        "Café-Crème|cafécrème",
    })
    void keepsLettersAndDigitsInLowerCase(String value, String normalized) {
        assertThat(Names.normalize(value)).isEqualTo(normalized);
    }
}
