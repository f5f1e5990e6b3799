package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Reads a probability as a fraction between 0 and 1: {@code 90}, {@code 90%}, {@code 0.9}, {@code 25,0}. */
public final class PercentParser {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PercentParser() {
    }

    public static BigDecimal parse(String raw) {
        String text = raw.strip();
        boolean percent = text.endsWith("%");
        if (percent) {
            text = text.substring(0, text.length() - 1).strip();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a probability");
        }
        if (value.precision() - value.scale() > 6 || value.scale() > 12) {
            // 1E+999999999 or 1E-999999999: no probability, and too large to compute with
            throw new IllegalArgumentException("not a probability");
        }
        if (percent || value.compareTo(BigDecimal.ONE) > 0) {
            value = value.divide(HUNDRED, 6, RoundingMode.HALF_UP);
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("probability outside 0..100%");
        }
        return value.stripTrailingZeros();
    }
}
