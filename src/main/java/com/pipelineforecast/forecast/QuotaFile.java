package com.pipelineforecast.forecast;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import com.pipelineforecast.ingest.AmountParser;
import com.pipelineforecast.ingest.InputUnusableException;

/**
 * {@code quotas.csv}: {@code owner_or_team,period,amount}, the amount in the reporting currency, the period a
 * fiscal quarter ({@code FY2027 Q1}, {@code 2027-Q1}) or a fiscal year ({@code FY2027}).
 */
public final class QuotaFile {

    public static final String FILE_NAME = "quotas.csv";
    private static final Pattern QUARTER = Pattern.compile("(?i)(?:FY)?\\s*(\\d{4})\\s*[- ]?\\s*Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(?i)(?:FY)?\\s*(\\d{4})");

    /** One quota: the first and last quarter keys it spans. */
    public record Quota(String ownerOrTeam, String period, int fromQuarter, int toQuarter, BigDecimal amount) {
    }

    private QuotaFile() {
    }

    /** The first and last quarter keys of a fiscal quarter ("FY2027 Q1") or year ("FY2027"), or null. */
    public static int[] quarters(String period) {
        Matcher quarter = QUARTER.matcher(period.trim());
        if (quarter.matches()) {
            int key = Integer.parseInt(quarter.group(1)) * 10 + Integer.parseInt(quarter.group(2));
            return new int[] {key, key};
        }
        Matcher year = YEAR.matcher(period.trim());
        if (year.matches()) {
            int first = Integer.parseInt(year.group(1)) * 10 + 1;
            return new int[] {first, first + 3};
        }
        return null;
    }

    public static List<Quota> read(Path file) {
        List<Quota> quotas = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return quotas;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true).get();
            for (CSVRecord record : format.parse(reader)) {
                long line = record.getRecordNumber() + 1;
                if (!record.isMapped("owner_or_team") || !record.isMapped("period") || !record.isMapped("amount")) {
                    throw new InputUnusableException(file + ": expected the columns owner_or_team,period,amount");
                }
                String period = record.get("period");
                int[] quarters = quarters(period);
                if (quarters == null) {
                    throw new InputUnusableException(file + " line " + line + ", column period: '"
                            + com.pipelineforecast.ingest.TextLimits.cut(period, 40)
                            + "' is not a fiscal quarter (FY2027 Q1) or year (FY2027)");
                }
                BigDecimal amount;
                try {
                    amount = AmountParser.parse(record.get("amount")).amount();
                } catch (IllegalArgumentException e) {
                    throw new InputUnusableException(file + " line " + line + ", column amount: '"
                            + com.pipelineforecast.ingest.TextLimits.cut(record.get("amount"), 40) + "' is not an amount");
                }
                quotas.add(new Quota(record.get("owner_or_team"), period.trim(), quarters[0], quarters[1], amount));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw InputUnusableException.cannotRead(file, e);
        }
        return quotas;
    }
}
