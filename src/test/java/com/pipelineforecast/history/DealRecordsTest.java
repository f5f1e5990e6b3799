package com.pipelineforecast.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.domain.Severity;

/** A partition's deal records: every value read back as written, and a restart cuts away a rolled-back chunk. */
class DealRecordsTest {

    private static final Finding MISSING_PRICING = new Finding(FindingCode.STAGE_NOT_EVIDENCED, Severity.WARNING, "propose",
            "pricing", "claims negotiate but 'Pricing' of propose is not done");
    private static final Finding LATE = new Finding(FindingCode.CLOSE_DATE_PASSED, Severity.INFO, null, null, "closed ✓ late");

    @Test
    void recordsReadBackAsTheSnapshotKeepsThemAndARestartCutsTheRolledBackChunk(@TempDir Path database)
            throws Exception {
        Path file = DealRecords.file(database, 7, "deals.csv");
        ExecutionContext committed = new ExecutionContext();
        DealRecords.Writer writer = new DealRecords.Writer(file, "deals.csv");
        writer.open(committed);
        writer.write(List.of(deal(2, "1234.5678919"), deal(3, null)));
        writer.update(committed);
        // a chunk written but rolled back: its position is never saved
        writer.write(List.of(deal(4, "1"), deal(5, "1")));
        writer.close();

        DealRecords.Writer restarted = new DealRecords.Writer(file, "deals.csv");
        restarted.open(committed);
        restarted.write(List.of(deal(4, "99999999999999999999.25")));
        restarted.update(committed);
        restarted.close();

        List<DealRecord> read = new ArrayList<>();
        try (DealRecords.Reader reader = DealRecords.Reader.open(file)) {
            assertThat(reader.exportFile()).isEqualTo("deals.csv");
            for (DealRecord deal = reader.next(); deal != null; deal = reader.next()) {
                read.add(deal);
            }
        }
        assertThat(read).extracting(DealRecord::line).containsExactly(2, 3, 4);
        DealRecord first = read.get(0);
        // the scales of the snapshot's columns, a longer fraction cut as HSQLDB cuts it
        assertThat(first.amount()).isEqualTo(new BigDecimal("1234.567891"));
        assertThat(first.probability()).isEqualTo(new BigDecimal("0.250000"));
        assertThat(first.weightedReported()).isEqualTo(new BigDecimal("308.64"));
        assertThat(first.dealName()).isEqualTo("Renewal 2 ✓ 深圳");
        assertThat(first.team()).isNull();
        assertThat(first.closeDate()).isEqualTo(LocalDate.of(2044, 6, 30));
        assertThat(first.closeQuarter()).isEqualTo(20442);
        // as ingested: the exported stage-entered date, nothing carried yet
        assertThat(first.stageSince()).isEqualTo(LocalDate.of(2044, 1, 2));
        assertThat(read.get(1).stageSince()).isNull();
        assertThat(first.stagesSeen()).isZero();
        DealRecord carried = read.get(1).carrying(new DealRecords.Carried(LocalDate.of(2043, 12, 1), 0b110L,
                LocalDate.of(2044, 2, 3)));
        assertThat(carried.stageSince()).isEqualTo(LocalDate.of(2043, 12, 1));
        assertThat(carried.stagesSeen()).isEqualTo(0b110L);
        assertThat(carried.closedSince()).isEqualTo(LocalDate.of(2044, 2, 3));
        assertThat(carried.findings()).isEqualTo(read.get(1).findings());
        assertThat(first.closedSince()).isNull();
        assertThat(first.open()).isTrue();
        assertThat(first.won()).isFalse();
        assertThat(first.checklistAssessed()).isTrue();
        assertThat(first.findingCount()).isZero();
        assertThat(read.get(1).amount()).isNull();
        assertThat(read.get(1).closeQuarter()).isNull();
        assertThat(read.get(2).amount()).isEqualTo(new BigDecimal("99999999999999999999.250000"));

        assertThat(read.get(1).findings()).containsExactly(MISSING_PRICING, LATE);
        assertThat(read.get(1).missingItems()).extracting(m -> m.stage() + "/" + m.item())
                .containsExactly("propose/pricing");

        Finding duplicate = new Finding(FindingCode.DUPLICATE_DEAL, Severity.WARNING, "qualified", null, "same account");
        DealRecord revised = read.get(1).revised(new DealRecord.Revision(3, "prospect", 1,
                new BigDecimal("0.100000"), new BigDecimal("123.45")), List.of(duplicate));
        assertThat(revised.evidencedStage()).isEqualTo("prospect");
        assertThat(revised.weightedAdjusted()).isEqualTo(new BigDecimal("123.45"));
        // the ingest's two findings and the one the check added
        assertThat(revised.findingCount()).isEqualTo(3);
        DealRecord onlyFlagged = read.get(1).revised(new DealRecord.Revision(3, null, null, null, null),
                List.of(duplicate));
        assertThat(onlyFlagged.evidencedStage()).isEqualTo(read.get(1).evidencedStage());
        assertThat(onlyFlagged.weightedAdjusted()).isEqualTo(read.get(1).weightedAdjusted());
        assertThat(onlyFlagged.findingCount()).isEqualTo(3);
        assertThat(revised.weightedReported()).isEqualTo(first.weightedReported());
        assertThat(revised.findingLines(null)).extracting(f -> f.line() + " " + f.dealId() + " " + f.code())
                .containsExactly("3 D-3 STAGE_NOT_EVIDENCED", "3 D-3 CLOSE_DATE_PASSED", "3 D-3 DUPLICATE_DEAL");
    }

    private static Deal deal(int line, String amount) {
        BigDecimal value = amount == null ? null : new BigDecimal(amount);
        return new Deal("deals.csv", line, "D-" + line, "Renewal " + line + " ✓ 深圳", "Acme", "Ann", null, null,
                "qualified", 2, "qualified", 2, null, "pipeline", true, false, false, value, "USD",
                new BigDecimal("1234.57"), LocalDate.of(2044, 6, 30), line == 3 ? null : 20442, null,
                line == 2 ? LocalDate.of(2044, 1, 2) : null, null,
                null, new BigDecimal("0.25"), new BigDecimal("0.25"), new BigDecimal("308.64"),
                new BigDecimal("308.64"), line == 3 ? List.of(MISSING_PRICING, LATE) : List.of(), "Qualified", true);
    }
}
