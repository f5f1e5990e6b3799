package com.pipelineforecast.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much the reports list: {@code --top-deals} bounds every deal list of the PDF (and run.json), so its size
 * does not grow with the input; {@code --sheet-rows} is the number of rows a workbook sheet takes before the
 * next sheet ({@code Deals 2}, …) is started — Excel's limit unless set lower; {@code --max-rejected} the share of
 * rejected rows (percent of rows read) above which a night is published as incomplete.
 */
@ConfigurationProperties("pipeline")
public record ReportLimits(@DefaultValue("10") int topDeals, @DefaultValue("1048575") int sheetRows,
        @DefaultValue("2") String maxRejected) {

    public static final int EXCEL_ROWS = 1_048_575;
    /** Every limit at its default (the {@code @DefaultValue}s above). */
    public static final ReportLimits DEFAULT = new org.springframework.boot.context.properties.bind.Binder()
            .bindOrCreate("pipeline", ReportLimits.class);

    /** {@code --max-rejected} as a percentage: {@code 2}, {@code 2.5} or {@code 2.5%}, 0..100. */
    public java.math.BigDecimal maxRejectedPercent() {
        String text = maxRejected == null ? "" : maxRejected.strip();
        text = text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
        try {
            java.math.BigDecimal percent = new java.math.BigDecimal(text);
            if (percent.signum() >= 0 && percent.compareTo(java.math.BigDecimal.valueOf(100)) <= 0) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--max-rejected must be a percentage 0..100 (e.g. 2 or 2.5%), found '"
                + maxRejected + "'");
    }

    /** Throws when an option is out of range: reported as a bad option before anything runs. */
    public void validate() {
        if (topDeals < 1 || topDeals > 1000) {
            throw new IllegalArgumentException("--top-deals must be 1..1000, found " + topDeals);
        }
        maxRejectedPercent();
        if (sheetRows < 10 || sheetRows > EXCEL_ROWS) {
            throw new IllegalArgumentException("--sheet-rows must be 10.." + EXCEL_ROWS + ", found " + sheetRows);
        }
    }
}
