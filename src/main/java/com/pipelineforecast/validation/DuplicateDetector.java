package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.DealWeigher;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * The {@code duplicate_checked} check, set-based over the snapshot after ingest: a deal is a duplicate when
 * another deal id has the same account and deal name (normalised) in this run, or in the previous published run
 * under an id that is no longer exported (a deal deleted and entered again).
 * Each duplicate gets a DUPLICATE_DEAL finding; where the playbook has the {@code duplicate_checked} item, an
 * open deal claiming a later stage is evidenced no further than that item's stage. Runs in one transaction and
 * can be repeated: a restart replaces what an earlier attempt wrote.
 */
@Component
public class DuplicateDetector {

    static final String ITEM = "duplicate_checked";
    /** Findings written after ingest are numbered from here, after the ingest's own. */
    static final int FIRST_SEQ = 1000;
    private static final int REPEATED_ID_SEQ = 2000;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final RunHistory history;

    public DuplicateDetector(JdbcTemplate jdbc, RunHistory history) {
        this.jdbc = jdbc;
        this.history = history;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(BATCH);
    }

    /** Finds and records the duplicates of a run; returns how many deals are duplicates. */
    public long detect(long runId, LocalDate runDate, Playbook playbook, DealWeigher weigher) {
        jdbc.update("DELETE FROM deal_duplicate WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM deal_finding WHERE run_id = ? AND seq >= ?", runId, FIRST_SEQ);
        jdbc.update("INSERT INTO deal_duplicate (run_id, file_name, line_no, other_run_id, other_deal_id) "
                + "SELECT s.run_id, s.file_name, s.line_no, s.run_id, MIN(o.deal_id) FROM deal_snapshot s "
                + "JOIN deal_snapshot o ON o.run_id = s.run_id AND o.dup_key = s.dup_key AND o.deal_id <> s.deal_id "
                + "WHERE s.run_id = ? AND s.dup_key IS NOT NULL GROUP BY s.run_id, s.file_name, s.line_no", runId);
        Optional<Long> previous = history.previousRun(runDate);
        if (previous.isPresent()) {
            jdbc.update("INSERT INTO deal_duplicate (run_id, file_name, line_no, other_run_id, other_deal_id) "
                    + "SELECT s.run_id, s.file_name, s.line_no, ?, MIN(o.deal_id) FROM deal_snapshot s "
                    + "JOIN deal_snapshot o ON o.run_id = ? AND o.dup_key = s.dup_key AND o.deal_id <> s.deal_id "
                    + "WHERE s.run_id = ? AND s.dup_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deal_snapshot t "
                    + "WHERE t.run_id = s.run_id AND t.deal_id = o.deal_id) GROUP BY s.run_id, s.file_name, s.line_no",
                    previous.get(), previous.get(), runId);
        }
        Optional<Stage> checkStage = stageOf(playbook);
        Updates updates = new Updates(runId, playbook, checkStage.orElse(null), weigher);
        streaming.query("SELECT d.file_name, d.line_no, s.deal_id, d.other_deal_id, d.other_run_id, r.run_date, "
                + "s.claimed_order, s.evidenced_order, s.is_open, s.amount_reporting, s.claimed_stage FROM deal_duplicate d JOIN deal_snapshot s ON s.run_id = d.run_id "
                + "AND s.file_name = d.file_name AND s.line_no = d.line_no "
                + "JOIN forecast_run r ON r.run_id = d.other_run_id WHERE d.run_id = ? "
                + "ORDER BY d.file_name, d.line_no, d.other_run_id DESC", updates::add, runId);
        updates.flush();
        flagRepeatedIds(runId);
        return updates.deals;
    }

    /** The same deal id on more than one row (in one file or several) is a finding on each: both rows stay. */
    private void flagRepeatedIds(long runId) {
        List<Object[]> findings = new ArrayList<>();
        int[] seq = {REPEATED_ID_SEQ};
        String[] last = {null};
        streaming.query("SELECT s.file_name, s.line_no, s.deal_id, s.claimed_stage, o.file_name, o.line_no "
                + "FROM deal_snapshot s JOIN deal_snapshot o ON o.run_id = s.run_id AND o.deal_id = s.deal_id "
                + "AND (o.file_name <> s.file_name OR o.line_no <> s.line_no) WHERE s.run_id = ? "
                + "ORDER BY s.file_name, s.line_no, o.file_name, o.line_no", rs -> {
                    String key = rs.getString(1) + "\u0000" + rs.getInt(2);
                    if (!key.equals(last[0])) {
                        last[0] = key;
                        seq[0] = REPEATED_ID_SEQ;
                    }
                    findings.add(new Object[] {runId, rs.getString(1), rs.getInt(2), seq[0]++, rs.getString(3),
                        "DUPLICATE_DEAL_ID", Severity.WARNING.name(), rs.getString(4), null,
                        "deal id also on " + rs.getString(5) + " line " + rs.getInt(6) + ": both rows are counted"});
                    if (findings.size() >= BATCH) {
                        insertFindings(findings);
                    }
                }, runId);
        insertFindings(findings);
    }

    private void insertFindings(List<Object[]> findings) {
        if (findings.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, stage, "
                + "item, message) VALUES (?,?,?,?,?,?,?,?,?,?)", findings);
        List<Object[]> counts = findings.stream().map(f -> new Object[] {f[0], f[1], f[2]}).toList();
        jdbc.batchUpdate("UPDATE deal_snapshot SET finding_count = finding_count + 1 WHERE run_id = ? "
                + "AND file_name = ? AND line_no = ?", counts);
        findings.clear();
    }

    private static Optional<Stage> stageOf(Playbook playbook) {
        return playbook.stages().stream()
                .filter(stage -> stage.checklist().stream().map(ChecklistItem::id).anyMatch(ITEM::equals))
                .findFirst();
    }

    /** Findings and evidenced-stage updates, written in batches while the duplicates stream by. */
    private final class Updates {
        private final long runId;
        private final Playbook playbook;
        private final Stage checkStage;
        private final DealWeigher weigher;
        private final List<Object[]> findings = new ArrayList<>();
        private final List<Object[]> lowered = new ArrayList<>();
        private final List<Object[]> counts = new ArrayList<>();
        private String lastDeal;
        private int seq;
        private long deals;

        Updates(long runId, Playbook playbook, Stage checkStage, DealWeigher weigher) {
            this.weigher = weigher;
            this.runId = runId;
            this.playbook = playbook;
            this.checkStage = checkStage;
        }

        void add(ResultSet rs) throws SQLException {
            String file = rs.getString("file_name");
            int line = rs.getInt("line_no");
            String dealId = rs.getString("deal_id");
            boolean sameRun = rs.getLong("other_run_id") == runId;
            String where = sameRun ? "in this run" : "in the run of " + rs.getDate("run_date").toLocalDate();
            String key = file + "\u0000" + line;
            boolean firstForDeal = !key.equals(lastDeal);
            if (firstForDeal) {
                lastDeal = key;
                seq = FIRST_SEQ;
                deals++;
            }
            Stage claimed = playbook.stage(rs.getString("claimed_stage"));
            findings.add(new Object[] {runId, file, line, seq++, dealId, "DUPLICATE_DEAL", Severity.WARNING.name(),
                claimed.id(), null, "same account and deal name as deal " + rs.getString("other_deal_id") + " "
                    + where});
            int added = 1;
            if (firstForDeal && checkStage != null && rs.getInt("claimed_order") > checkStage.order()
                    && claimed.outcome() != Outcome.LOST) {
                ChecklistItem item = checkStage.checklist().stream().filter(i -> i.id().equals(ITEM)).findFirst()
                        .orElseThrow();
                findings.add(new Object[] {runId, file, line, seq++, dealId, "STAGE_NOT_EVIDENCED",
                    Severity.WARNING.name(), checkStage.id(), ITEM, "claims " + claimed.id() + " but '"
                        + item.label() + "' of " + checkStage.id() + " is not done"});
                added++;
                if (rs.getBoolean("is_open") && rs.getInt("evidenced_order") > checkStage.order()) {
                    BigDecimal weighted = weigher.weight(rs.getBigDecimal("amount_reporting"), checkStage);
                    lowered.add(new Object[] {checkStage.id(), checkStage.order(), weigher.probability(checkStage),
                        weighted, runId, file, line});
                }
            }
            counts.add(new Object[] {added, runId, file, line});
            if (findings.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!findings.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, "
                        + "stage, item, message) VALUES (?,?,?,?,?,?,?,?,?,?)", findings);
            }
            if (!lowered.isEmpty()) {
                jdbc.batchUpdate("UPDATE deal_snapshot SET evidenced_stage = ?, evidenced_order = ?, "
                        + "evidenced_probability = ?, weighted_adjusted = ? WHERE run_id = ? AND file_name = ? "
                        + "AND line_no = ?", lowered);
            }
            if (!counts.isEmpty()) {
                jdbc.batchUpdate("UPDATE deal_snapshot SET finding_count = finding_count + ? WHERE run_id = ? "
                        + "AND file_name = ? AND line_no = ?", counts);
            }
            findings.clear();
            lowered.clear();
            counts.clear();
        }
    }
}
