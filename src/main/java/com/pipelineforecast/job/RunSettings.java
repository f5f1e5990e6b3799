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
        BigDecimal probabilityMargin) {

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
        if (fxRates != null) {
            builder.addString("fxRates", fxRates, false);
        }
        return builder.toJobParameters();
    }

    public static RunSettings from(JobParameters parameters) {
        return new RunSettings(parameters.getLocalDate(RUN_DATE), parameters.getLong(RUN),
                Arrays.asList(parameters.getString("input").split(SEPARATOR)), parameters.getString("playbook"),
                parameters.getString("reportingCurrency"), parameters.getString("defaultCurrency"),
                Path.of(parameters.getString("reports")), parameters.getString("fxRates"),
                parameters.getLong("chunkSize").intValue(), new BigDecimal(parameters.getString("probabilityMargin")));
    }

    /** Identifies the job instance of a run date and run number. */
    static JobParameters identifying(LocalDate runDate, long run) {
        return new JobParametersBuilder().addLocalDate(RUN_DATE, runDate).addLong(RUN, run).toJobParameters();
    }
}
