package com.pipelineforecast.history;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.domain.Severity;

/**
 * A run's deals as ingest saw them, one file per export in the run's work folder ({@link ExportRows#runFolder}):
 * what the reports read deal by deal (the Deals sheet, the rollup, the watchlists) is read back from here in line
 * order, a sequential read, instead of from the database's snapshot rows. A file starts with the export's file
 * name, then holds one record per accepted deal in line order ({@link Writer#write}). A record read back as
 * ingested holds the exported stage-entered date as its stage date, nothing carried ({@link DealRecord#carrying}).
 */
public final class DealRecords {

    private static final int NO_DATE = Integer.MIN_VALUE;
    private static final int NO_QUARTER = Integer.MIN_VALUE;
    private static final int OPEN = 1;
    private static final int WON = 2;
    private static final int LEAD = 4;
    private static final int ASSESSED = 8;
    private static final Severity[] SEVERITIES = Severity.values();

    private DealRecords() {
    }

    /** The deal records file of one export file of a run. */
    public static Path file(Path database, long runId, String exportFile) {
        return ExportRows.workFile(database, runId, exportFile, ".deals");
    }

    /**
     * What the previous run carries into a deal: the date it entered its stage (exported, else carried, else
     * tonight), the stages it has been seen at and, closed, since when; merged into its record as the reports
     * read it ({@link CarriedFile}).
     */
    public record Carried(LocalDate stageSince, long stagesSeen, LocalDate closedSince) {
    }

    /** Writes one export file's deal records during its ingest partition (restartable as {@link WorkFileWriter}). */
    public static class Writer extends WorkFileWriter {

        private final String exportFile;

        public Writer(Path path, String exportFile) {
            super(path, "dealRecords.position");
            this.exportFile = exportFile;
        }

        @Override
        protected void begin() throws IOException {
            RecordCodec.writeText(out, exportFile);
        }

        /** Appends the chunk's deals. */
        public void write(List<Deal> deals) {
            try {
                for (Deal deal : deals) {
                    record(deal);
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private void record(Deal d) throws IOException {
            out.writeInt(d.line());
            RecordCodec.writeText(out, d.dealId());
            RecordCodec.writeText(out, d.dealName());
            RecordCodec.writeText(out, d.account());
            RecordCodec.writeText(out, d.owner());
            RecordCodec.writeText(out, d.team());
            RecordCodec.writeText(out, d.accountType());
            RecordCodec.writeText(out, d.claimedStage());
            out.writeInt(d.claimedOrder());
            RecordCodec.writeText(out, d.evidencedStage());
            out.writeInt(d.evidencedOrder());
            RecordCodec.writeText(out, d.category());
            out.writeByte((d.open() ? OPEN : 0) | (d.won() ? WON : 0) | (d.lead() ? LEAD : 0)
                    | (d.checklistAssessed() ? ASSESSED : 0));
            RecordCodec.writeText(out, d.crmForecastCategory());
            RecordCodec.writeText(out, d.currency());
            decimal(out, d.amount());
            decimal(out, d.amountReporting());
            date(out, d.closeDate());
            out.writeInt(d.closeQuarter() == null ? NO_QUARTER : d.closeQuarter());
            date(out, d.createdDate());
            date(out, d.stageEnteredDate());
            decimal(out, d.crmProbability());
            decimal(out, d.probability());
            decimal(out, d.evidencedProbability());
            decimal(out, d.weightedReported());
            decimal(out, d.weightedAdjusted());
            out.writeInt(d.findings().size());
            String stageValue = d.stageValue();
            RecordCodec.writeText(out, stageValue == null || stageValue.length() <= 200 ? stageValue : stageValue.substring(0, 200));
            RecordCodec.writeText(out, d.duplicateKey());
            for (Finding f : d.findings()) {
                RecordCodec.writeText(out, f.code().name());
                out.writeByte(f.severity().ordinal());
                RecordCodec.writeText(out, f.stage());
                RecordCodec.writeText(out, f.item());
                RecordCodec.writeText(out, f.message());
            }
        }
    }

    /** Reads one export file's deal records forward. */
    public static final class Reader implements AutoCloseable {

        private final RecordInput in;
        private final String exportFile;

        private Reader(RecordInput in) throws IOException {
            this.in = in;
            this.exportFile = in.readText();
        }

        /** A reader of the file; null when it is not there (an export whose partition wrote nothing). */
        public static Reader open(Path path) {
            RecordInput input = null;
            try {
                input = new RecordInput(path);
                return new Reader(input);
            } catch (NoSuchFileException | EOFException e) {
                closeQuietly(input);
                return null;
            } catch (IOException e) {
                closeQuietly(input);
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        private static void closeQuietly(RecordInput input) {
            try {
                if (input != null) {
                    input.close();
                }
            } catch (IOException e) {
                // the file is not read: nothing is lost
            }
        }

        /** The export file the records are of. */
        public String exportFile() {
            return exportFile;
        }

        /** The next deal, or null after the last. */
        public DealRecord next() throws IOException {
            if (in.atEnd()) {
                return null;
            }
            int line = in.readInt();
            String dealId = in.readText();
            String dealName = in.readText();
            String account = in.readText();
            String owner = in.readSharedText();
            String team = in.readSharedText();
            String accountType = in.readSharedText();
            String claimedStage = in.readSharedText();
            int claimedOrder = in.readInt();
            String evidencedStage = in.readSharedText();
            int evidencedOrder = in.readInt();
            String category = in.readSharedText();
            int flags = in.readByte();
            String crmForecastCategory = in.readSharedText();
            String currency = in.readSharedText();
            // the scales the snapshot's columns keep (HSQLDB cuts a longer fraction, it does not round)
            BigDecimal amount = decimal(in, 6);
            BigDecimal amountReporting = decimal(in, Money.SCALE);
            LocalDate closeDate = date(in);
            int quarter = in.readInt();
            LocalDate createdDate = date(in);
            LocalDate stageEntered = date(in);
            BigDecimal crmProbability = decimal(in, 6);
            BigDecimal probability = decimal(in, 6);
            BigDecimal evidencedProbability = decimal(in, 6);
            BigDecimal weightedReported = decimal(in, Money.SCALE);
            BigDecimal weightedAdjusted = decimal(in, Money.SCALE);
            int findingCount = in.readInt();
            String stageValue = in.readSharedText();
            String duplicateKey = in.readText();
            List<Finding> findings = new ArrayList<>(findingCount);
            for (int i = 0; i < findingCount; i++) {
                findings.add(new Finding(FindingCode.parse(in.readSharedText()), SEVERITIES[in.readByte()],
                        in.readSharedText(), in.readSharedText(), in.readSharedText()));
            }
            return new DealRecord(exportFile, line, dealId, dealName, account, owner, team, accountType,
                    claimedStage, claimedOrder, evidencedStage, evidencedOrder, category, (flags & OPEN) != 0,
                    (flags & WON) != 0, (flags & LEAD) != 0, (flags & ASSESSED) != 0, crmForecastCategory, currency,
                    amount, amountReporting, closeDate, quarter == NO_QUARTER ? null : quarter, createdDate,
                    stageEntered, 0L, null, crmProbability, probability, evidencedProbability,
                    weightedReported, weightedAdjusted, findingCount, stageValue, findings, duplicateKey);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A decimal as its scale and unscaled value (a long where it fits, else its digits). */
    private static void decimal(DataOutputStream out, BigDecimal value) throws IOException {
        if (value == null) {
            out.writeByte(0);
        } else if (value.unscaledValue().bitLength() < 64) {
            out.writeByte(1);
            out.writeInt(value.scale());
            out.writeLong(value.unscaledValue().longValueExact());
        } else {
            out.writeByte(2);
            out.writeInt(value.scale());
            RecordCodec.writeText(out, value.unscaledValue().toString());
        }
    }

    private static BigDecimal decimal(RecordInput in, int columnScale) throws IOException {
        int kind = in.readByte();
        if (kind == 0) {
            return null;
        }
        int scale = in.readInt();
        BigDecimal value = kind == 1 ? BigDecimal.valueOf(in.readLong(), scale)
                : new BigDecimal(new BigInteger(in.readText()), scale);
        return value.setScale(columnScale, java.math.RoundingMode.DOWN);
    }

    private static void date(DataOutputStream out, LocalDate date) throws IOException {
        out.writeInt(date == null ? NO_DATE : (int) date.toEpochDay());
    }

    private static LocalDate date(RecordInput in) throws IOException {
        int day = in.readInt();
        return day == NO_DATE ? null : LocalDate.ofEpochDay(day);
    }
}
