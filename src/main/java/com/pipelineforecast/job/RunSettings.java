package com.pipelineforecast.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run as the job sees it: its job parameters. {@code runDate} and {@code run} (1 for the first run of a
 * date, then one more for each {@code --rerun}) identify the job instance; the rest travel with it so that a
 * restart uses exactly the settings of the failed attempt (including the chunk size).
 */
public record RunSettings(LocalDate runDate, long run, List<String> inputs, String playbook,
        String reportingCurrency, String defaultCurrency, Path reports, String fxRates, int chunkSize,
        BigDecimal probabilityMargin, Reading reading, Forecasting forecasting) {

    /** {@code --fiscal-year-start}, {@code --weights=playbook|calibrated}, {@code --calibration-min-deals}. */
    public record Forecasting(int fiscalYearStart, String weights, int calibrationMinDeals) {
        public static final Forecasting DEFAULT = new Forecasting(PipelineProperties.DEFAULTS.fiscalYearStart(),
                PipelineProperties.DEFAULTS.weights(), PipelineProperties.DEFAULTS.calibrationMinDeals());

        public boolean calibrated() {
            return "calibrated".equals(weights);
        }
    }

    /** How to read the exports: {@code --mapping}, {@code --encoding}, {@code --sheet}, {@code --date-format}. */
    public record Reading(String mapping, String encoding, String sheet, String dateFormat) {
        public static final Reading DEFAULT = new Reading(null, null, null, null);
    }

    static final String RUN_DATE = "runDate";
    static final String RUN = "run";
    private static final String SEPARATOR = "\n";

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addLocalDate(RUN_DATE, runDate)
                .addLong(RUN, run)
                .addString("input", String.join(SEPARATOR, inputs), false)
                .addString("playbook", playbook, false)
                .addString("reportingCurrency", reportingCurrency, false)
                .addString("defaultCurrency", defaultCurrency, false)
                .addString("reports", reports.toString(), false)
                .addLong("chunkSize", (long) chunkSize, false)
                .addString("probabilityMargin", probabilityMargin.toPlainString(), false);
        builder.addLong("fiscalYearStart", (long) forecasting.fiscalYearStart(), false)
                .addString("weights", forecasting.weights(), false)
                .addLong("calibrationMinDeals", (long) forecasting.calibrationMinDeals(), false);
        optional(builder, "fxRates", fxRates);
        optional(builder, "mapping", reading.mapping());
        optional(builder, "encoding", reading.encoding());
        optional(builder, "sheet", reading.sheet());
        optional(builder, "dateFormat", reading.dateFormat());
        return builder.toJobParameters();
    }

    public static RunSettings from(JobParameters parameters) {
        return new RunSettings(parameters.getLocalDate(RUN_DATE), parameters.getLong(RUN),
                Arrays.asList(parameters.getString("input").split(SEPARATOR)), parameters.getString("playbook"),
                parameters.getString("reportingCurrency"), parameters.getString("defaultCurrency"),
                Path.of(parameters.getString("reports")), parameters.getString("fxRates"),
                parameters.getLong("chunkSize").intValue(), new BigDecimal(parameters.getString("probabilityMargin")),
                new Reading(parameters.getString("mapping"), parameters.getString("encoding"),
                        parameters.getString("sheet"), parameters.getString("dateFormat")),
                new Forecasting(parameters.getLong("fiscalYearStart").intValue(), parameters.getString("weights"),
                        parameters.getLong("calibrationMinDeals").intValue()));
    }

    private static void optional(JobParametersBuilder builder, String name, String value) {
        if (value != null && !value.isBlank()) {
            builder.addString(name, value, false);
        }
    }

    /** Identifies the job instance of a run date and run number. */
    static JobParameters identifying(LocalDate runDate, long run) {
        return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate).addLong(RUN, run).toJobParameters();
    }
}
