package com.pipelineforecast.history;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.SourceRow;
import com.pipelineforecast.ingest.TextLimits;

/**
 * Writes a chunk of outcomes to the run's snapshot: deals with their findings, rejected rows and skipped lines.
 * Runs in the chunk's transaction, so the rows and the reader's position commit together.
 */
public class DealSnapshotWriter {

    private static final String CREATE_DEAL = """
            INSERT INTO deal_snapshot (run_id, file_name, line_no, deal_id, deal_name, account, owner_name, team,
                account_type, claimed_stage, claimed_order, evidenced_stage, evidenced_order, dup_key,
                category, is_open, is_won, is_lead, amount, currency, amount_reporting, close_date, close_quarter,
                created_date, stage_since, stages_seen, closed_since,
                stage_entered_date, crm_probability, crm_forecast_category, probability, evidenced_probability,
                weighted_reported, weighted_adjusted, finding_count, stage_value, checklist_assessed, missing_items)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """;
    private static final String CREATE_REJECTED = """
            INSERT INTO rejected_row (run_id, file_name, line_no, column_name, raw_value, reason)
            VALUES (?,?,?,?,?,?)
            """;
    private static final String CREATE_SKIPPED = """
            INSERT INTO skipped_line (run_id, file_name, line_no, reason, content) VALUES (?,?,?,?,?)
            """;
    private final JdbcTemplate jdbc;
    private final ExportColumnsRepository exportColumns;
    private final java.util.Set<String> exportColumnsRecorded = ConcurrentHashMap.newKeySet();

    public DealSnapshotWriter(JdbcTemplate jdbc, ExportColumnsRepository exportColumns) {
        this.jdbc = jdbc;
        this.exportColumns = exportColumns;
    }

    /** Writes the chunk; returns its deals, in order (for their {@link DealRecords}). */
    public Written write(Chunk<? extends IngestOutcome> chunk) {
        List<IngestOutcome> deals = new ArrayList<>(chunk.size());
        List<Object[]> rejected = new ArrayList<>();
        List<Object[]> skipped = new ArrayList<>();
        for (IngestOutcome outcome : chunk) {
            if (outcome.deal() != null) {
                // the deal's findings go to its record ({@link DealRecords}), its missing items also to its row
                deals.add(outcome);
            } else if (outcome.rejected() != null) {
                RejectedRow r = outcome.rejected();
                rejected.add(new Object[] {outcome.runId(), r.file(), r.line(), r.column(), r.value(), r.reason()});
            } else {
                SourceRow s = outcome.row();
                skipped.add(new Object[] {outcome.runId(), s.file(), s.line(), s.skipReason(),
                        TextLimits.cut(s.text(), TextLimits.FIELD - 64)});
            }
        }
        List<Deal> written = new ArrayList<>(deals.size());
        if (!deals.isEmpty()) {
            recordExportColumns(deals);
            deals.forEach(outcome -> written.add(outcome.deal()));
            jdbc.batchUpdate(CREATE_DEAL, deals, deals.size(), DealSnapshotWriter::bindDeal);
        }
        if (!rejected.isEmpty()) {
            jdbc.batchUpdate(CREATE_REJECTED, rejected);
        }
        if (!skipped.isEmpty()) {
            jdbc.batchUpdate(CREATE_SKIPPED, skipped);
        }
        return new Written(written);
    }

    /** A chunk's deals in order. */
    public record Written(List<Deal> deals) {
    }

    /** The header of each file's export columns, once per file and run (the deal rows hold only the values). */
    private void recordExportColumns(List<IngestOutcome> deals) {
        for (IngestOutcome outcome : deals) {
            SourceRow row = outcome.row();
            if (row == null || !exportColumnsRecorded.add(outcome.runId() + "|" + row.file())) {
                continue;
            }
            exportColumns.recordOnce(outcome.runId(), row.file(), row.header().exportHeaders());
        }
    }

    private static void bindDeal(PreparedStatement ps, IngestOutcome outcome) throws SQLException {
        Deal d = outcome.deal();
        int i = 1;
        ps.setLong(i++, outcome.runId());
        ps.setString(i++, d.file());
        ps.setInt(i++, d.line());
        ps.setString(i++, d.dealId());
        ps.setString(i++, d.dealName());
        ps.setString(i++, d.account());
        ps.setString(i++, d.owner());
        ps.setString(i++, d.team());
        ps.setString(i++, d.accountType());
        ps.setString(i++, d.claimedStage());
        ps.setInt(i++, d.claimedOrder());
        ps.setString(i++, d.evidencedStage());
        ps.setInt(i++, d.evidencedOrder());
        ps.setString(i++, d.duplicateKey());
        ps.setString(i++, d.category());
        ps.setBoolean(i++, d.open());
        ps.setBoolean(i++, d.won());
        ps.setBoolean(i++, d.lead());
        ps.setBigDecimal(i++, d.amount());
        ps.setString(i++, d.currency());
        ps.setBigDecimal(i++, d.amountReporting());
        setDate(ps, i++, d.closeDate());
        if (d.closeQuarter() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, d.closeQuarter());
        }
        setDate(ps, i++, d.createdDate());
        // the stage dates are carried in the run's deal states ({@code DealStates}), not here
        setDate(ps, i++, null);
        ps.setLong(i++, 0L);
        setDate(ps, i++, null);
        setDate(ps, i++, d.stageEnteredDate());
        ps.setBigDecimal(i++, d.crmProbability());
        ps.setString(i++, d.crmForecastCategory());
        ps.setBigDecimal(i++, d.probability());
        ps.setBigDecimal(i++, d.evidencedProbability());
        ps.setBigDecimal(i++, d.weightedReported());
        ps.setBigDecimal(i++, d.weightedAdjusted());
        ps.setInt(i++, d.findings().size());
        String stageValue = d.stageValue();
        ps.setString(i++, stageValue == null || stageValue.length() <= 200 ? stageValue : stageValue.substring(0, 200));
        ps.setBoolean(i++, d.checklistAssessed());
        ps.setString(i, MissingItems.join(d.findings()));
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(date));
        }
    }
}
