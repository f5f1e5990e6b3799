package com.pipelineforecast.job;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The options of a nightly run, bound from {@code --name=value} arguments (translated to {@code pipeline.*}),
 * environment variables ({@code PIPELINE_INPUT}, …) or {@code application.properties}.
 */
@ConfigurationProperties("pipeline")
public record PipelineProperties(
        @DefaultValue("input") List<String> input,
        String runDate,
        @DefaultValue("six-stage") String playbook,
        @DefaultValue("USD") String reportingCurrency,
        String defaultCurrency,
        @DefaultValue("reports") String reports,
        String zone,
        String fxRates,
        String mapping,
        String encoding,
        String sheet,
        String dateFormat,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("0.10") BigDecimal probabilityMargin,
        @DefaultValue("1") int fiscalYearStart,
        @DefaultValue("playbook") String weights,
        @DefaultValue("20") int calibrationMinDeals,
        boolean rerun,
        @DefaultValue("60") int reportsLockWait) {

    /** Every option at its default: the defaults are the {@code @DefaultValue}s above and nowhere else. */
    public static final PipelineProperties DEFAULTS = new org.springframework.boot.context.properties.bind.Binder()
            .bindOrCreate("pipeline", PipelineProperties.class);

    public PipelineProperties withRunDate(String date) {
        return new PipelineProperties(input, date, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, rerun, reportsLockWait);
    }

    public PipelineProperties withRerun(boolean value) {
        return new PipelineProperties(input, runDate, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, value, reportsLockWait);
    }

    public PipelineProperties withPlaybook(String value) {
        return new PipelineProperties(input, runDate, value, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, rerun, reportsLockWait);
    }

    public PipelineProperties withMapping(String file) {
        return new PipelineProperties(input, runDate, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, file, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, rerun, reportsLockWait);
    }

    public PipelineProperties withReading(String encodingName, String sheetName, String dateFormatPattern) {
        return new PipelineProperties(input, runDate, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encodingName, sheetName, dateFormatPattern, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, rerun, reportsLockWait);
    }

    public PipelineProperties withForecasting(int fiscalStart, String weightsSource, int minDeals) {
        return new PipelineProperties(input, runDate, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalStart, weightsSource,
                minDeals, rerun, reportsLockWait);
    }

    public PipelineProperties withInput(List<String> inputs) {
        return new PipelineProperties(inputs, runDate, playbook, reportingCurrency, defaultCurrency, reports, zone,
                fxRates, mapping, encoding, sheet, dateFormat, chunkSize, probabilityMargin, fiscalYearStart, weights,
                calibrationMinDeals, rerun, reportsLockWait);
    }
}
