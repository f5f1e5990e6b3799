package com.pipelineforecast.history;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Reads and records a run's history: its registration, its counts, its rows for the renderers. */
@Component
public class RunHistory {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public RunHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1000);
    }

    /** Registers a run when it first starts; a restart of the same run keeps its row. */
    public void registerRun(long runId, LocalDate runDate, int seq, String playbook, String reportingCurrency) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_id = ?", Integer.class,
                runId);
        if (known == null || known == 0) {
            jdbc.update("INSERT INTO forecast_run (run_id, run_date, run_seq, playbook, reporting_currency, status, "
                    + "started_at) VALUES (?,?,?,?,?,?,?)", runId, Date.valueOf(runDate), seq, playbook,
                    reportingCurrency, "STARTED", Timestamp.from(Instant.now()));
        }
    }

    /** The run tonight is compared with: its id and its date. */
    public record PreviousRun(long runId, LocalDate runDate) {
    }

    /**
     * The latest published run before the date whose deal rows are kept (the highest rerun of that date): what
     * tonight is compared with. A run resolves it once, when it starts ({@code RunContext}).
     */
    public java.util.Optional<PreviousRun> previousPublished(LocalDate runDate) {
        return jdbc.query("SELECT run_id, run_date FROM forecast_run WHERE run_date < ? AND status = 'PUBLISHED' "
                + "AND deals_removed_at IS NULL ORDER BY run_date DESC, run_seq DESC", rs -> rs.next()
                        ? java.util.Optional.of(new PreviousRun(rs.getLong(1), rs.getDate(2).toLocalDate()))
                        : java.util.Optional.<PreviousRun>empty(), Date.valueOf(runDate));
    }

    /** The id of {@link #previousPublished(LocalDate)}. */
    public java.util.Optional<Long> previousRun(LocalDate runDate) {
        return jdbc.query("SELECT run_id FROM forecast_run WHERE run_date < ? AND status = 'PUBLISHED' AND deals_removed_at IS NULL "
                + "ORDER BY run_date DESC, run_seq DESC", rs -> rs.next() ? java.util.Optional.of(rs.getLong(1))
                        : java.util.Optional.<Long>empty(), Date.valueOf(runDate));
    }

    /** When the run was first registered: with its id, what tells this run's run.json from any other's. */
    public String startedAt(long runId) {
        Timestamp started = jdbc.queryForObject("SELECT started_at FROM forecast_run WHERE run_id = ?",
                Timestamp.class, runId);
        return started == null ? "" : started.toLocalDateTime().toString();
    }

    /** Whether the run is published. */
    public boolean published(long runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_id = ? AND status = 'PUBLISHED'",
                Integer.class, runId) > 0;
    }

    public void markPublished(long runId) {
        jdbc.update("UPDATE forecast_run SET status = 'PUBLISHED', completed_at = ? WHERE run_id = ?",
                Timestamp.from(Instant.now()), runId);
    }

    public RunCounts counts(long runId) {
        Map<String, Long> byFile = new LinkedHashMap<>();
        long[] accepted = {0};
        long[] rejected = {0};
        jdbc.query("SELECT file_name, COUNT(*) FROM deal_snapshot WHERE run_id = ? GROUP BY file_name "
                + "ORDER BY file_name", rs -> {
                    byFile.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    accepted[0] += rs.getLong(2);
                }, runId);
        jdbc.query("SELECT file_name, COUNT(*) FROM rejected_row WHERE run_id = ? GROUP BY file_name "
                + "ORDER BY file_name", rs -> {
                    byFile.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    rejected[0] += rs.getLong(2);
                }, runId);
        Map<String, Long> skippedByFile = new LinkedHashMap<>();
        jdbc.query("SELECT file_name, COUNT(*) FROM skipped_line WHERE run_id = ? GROUP BY file_name", rs -> {
            skippedByFile.put(rs.getString(1), rs.getLong(2));
        }, runId);
        long skipped = skippedByFile.values().stream().mapToLong(Long::longValue).sum();
        return new RunCounts(accepted[0] + rejected[0], accepted[0], rejected[0], skipped, byFile, skippedByFile);
    }

    /** Streams the run's rejected rows in file and line order. */
    public void forEachRejected(long runId, RowCallbackHandler handler) {
        streaming.query("SELECT file_name, line_no, column_name, raw_value, reason FROM rejected_row WHERE run_id = ? "
                + "ORDER BY file_name, line_no", handler, runId);
    }

    /** How many rows were rejected for each reason code, and the currencies that had no exchange rate. */
    public Map<String, Long> rejectedReasons(long runId) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        jdbc.query("SELECT SUBSTRING(reason FROM 1 FOR POSITION(':' IN reason) - 1) AS code, COUNT(*) FROM rejected_row "
                + "WHERE run_id = ? GROUP BY SUBSTRING(reason FROM 1 FOR POSITION(':' IN reason) - 1) ORDER BY 2 DESC, 1",
                rs -> {
                    reasons.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return reasons;
    }

    public java.util.List<String> currenciesWithoutRate(long runId) {
        return jdbc.queryForList("SELECT DISTINCT raw_value FROM rejected_row WHERE run_id = ? AND reason LIKE "
                + "'NO_FX_RATE%' ORDER BY raw_value", String.class, runId);
    }

    /** Streams the run's findings in file, line and finding order. */
    public void forEachFinding(long runId, RowCallbackHandler handler) {
        forEachFinding(runId, Long.MAX_VALUE, handler);
    }

    /** The run's findings in order, at least the first {@code atLeast} of them (reading stops soon after). */
    public void forEachFinding(long runId, long atLeast, RowCallbackHandler handler) {
        // HSQLDB builds a whole result before returning its first row, so reading stops early only by limit
        String limit = atLeast == Long.MAX_VALUE ? "" : " FETCH FIRST " + atLeast + " ROWS ONLY";
        // run-level findings (file '' and line 0) read as blanks
        streaming.query("SELECT NULLIF(file_name, ''), NULLIF(line_no, 0), deal_id, code, severity, stage, item, message "
                + "FROM deal_finding WHERE run_id = ? ORDER BY file_name, line_no, seq" + limit, handler, runId);
    }

    /**
     * The findings a person reads in the workbook: the run-level ones, then those of the {@code deals} deals with
     * the largest checklist gap (weighted as reported less checklist-adjusted), largest first; the gap is the last
     * column (null for run-level findings). findings.csv keeps every finding.
     */
    public void forEachFindingOfLargestGaps(long runId, int deals, RowCallbackHandler handler) {
        streaming.query("""
                SELECT NULL, NULL, deal_id, code, severity, stage, item, message, NULL FROM deal_finding
                WHERE run_id = ? AND file_name = '' AND line_no = 0 ORDER BY seq
                """, handler, runId);
        streaming.query("""
                SELECT f.file_name, f.line_no, f.deal_id, f.code, f.severity, f.stage, f.item, f.message, d.gap
                FROM (SELECT file_name, line_no, weighted_reported - weighted_adjusted AS gap FROM deal_snapshot
                      WHERE run_id = ? AND finding_count > 0
                      ORDER BY gap DESC, file_name, line_no FETCH FIRST ? ROWS ONLY) d
                JOIN deal_finding f ON f.run_id = ? AND f.file_name = d.file_name AND f.line_no = d.line_no
                ORDER BY d.gap DESC, f.file_name, f.line_no, f.seq
                """, handler, runId, deals, runId);
    }

    /** How many findings of each code the run has, most frequent first. */
    /** The findings of one team's deals, per code (as {@link #findingCounts(long)}). */
    public Map<String, Long> findingCounts(long runId, String team) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT f.code, COUNT(*) FROM deal_finding f JOIN deal_snapshot d ON d.run_id = f.run_id "
                + "AND d.file_name = f.file_name AND d.line_no = f.line_no WHERE f.run_id = ? AND d.team = ? "
                + "GROUP BY f.code ORDER BY COUNT(*) DESC, f.code", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId, team);
        return counts;
    }

    public Map<String, Long> findingCounts(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT code, COUNT(*) FROM deal_finding WHERE run_id = ? GROUP BY code ORDER BY COUNT(*) DESC, "
                + "code", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return counts;
    }

    /** Streams the run's deals in file and line order (the order of the exports). */
    public void forEachDeal(long runId, RowCallbackHandler handler) {
        streaming.query("SELECT file_name, line_no, deal_id, deal_name, account, owner_name, team, account_type, "
                + "claimed_stage, evidenced_stage, category, is_open, is_won, is_lead, crm_forecast_category, currency, "
                + "amount, amount_reporting, close_date, created_date, stage_since, crm_probability, probability, "
                + "evidenced_probability, weighted_reported, weighted_adjusted, finding_count, stage_value "
                + "FROM deal_snapshot WHERE run_id = ? ORDER BY file_name, line_no", handler, runId);
    }

    /** The headers of each file's export columns (beyond the canonical ones), by file name. */
    public Map<String, List<String>> exportHeaders(long runId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        jdbc.query("SELECT file_name, headers FROM export_columns WHERE run_id = ? ORDER BY file_name", rs -> {
            headers.put(rs.getString(1), List.of(rs.getString(2).split(String.valueOf(
                    com.pipelineforecast.ingest.SourceRow.EXPORT_SEPARATOR), -1)));
        }, runId);
        return headers;
    }

    /** A group of rows and how many rows it has. */
    public record Group(String value, String stage, long rows) {
    }

    /**
     * Rows per exported stage value (null for rows without one) and the stage they were counted at, most rows
     * first: the first {@code limit} groups, and how many groups there are in all.
     */
    public long stageValues(long runId, int limit, java.util.function.Consumer<Group> first) {
        return stageValues(runId, null, limit, first);
    }

    /** As {@link #stageValues(long, int, java.util.function.Consumer)}, of one team's deals (null: every deal). */
    public long stageValues(long runId, String team, int limit, java.util.function.Consumer<Group> first) {
        long[] groups = {0};
        streaming.query("SELECT stage_value, claimed_stage, COUNT(*) FROM deal_snapshot WHERE run_id = ? "
                + (team == null ? "" : "AND team = ? ") + "GROUP BY stage_value, claimed_stage ORDER BY 3 DESC, 1, 2",
                rs -> {
                    if (groups[0]++ < limit) {
                        first.accept(new Group(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }, team == null ? new Object[] {runId} : new Object[] {runId, team});
        return groups[0];
    }

    /** Rows rejected per stage value that no mapping knows, most first: the first {@code limit}, and how many in all. */
    public long unknownStageValues(long runId, int limit, java.util.function.Consumer<Group> first) {
        long[] groups = {0};
        streaming.query("""
                SELECT raw_value, COUNT(*) FROM rejected_row WHERE run_id = ? AND reason LIKE 'UNKNOWN_STAGE%'
                GROUP BY raw_value ORDER BY 2 DESC, 1
                """, rs -> {
                    if (groups[0]++ < limit) {
                        first.accept(new Group(rs.getString(1), null, rs.getLong(2)));
                    }
                }, runId);
        return groups[0];
    }

    /** Open forecast deals whose checklist was assessed ([0]) and not assessed ([1]). */
    public long[] checklistAssessed(long runId) {
        return checklistAssessed(runId, null);
    }

    /** As {@link #checklistAssessed(long)}, of one team's deals ({@code team} null: of every deal). */
    public long[] checklistAssessed(long runId, String team) {
        long[] counts = new long[2];
        jdbc.query("SELECT checklist_assessed, COUNT(*) FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead "
                + (team == null ? "" : "AND team = ? ") + "GROUP BY checklist_assessed", rs -> {
                    boolean assessed = rs.getBoolean(1) || rs.wasNull();
                    counts[assessed ? 0 : 1] += rs.getLong(2);
                }, team == null ? new Object[] {runId} : new Object[] {runId, team});
        return counts;
    }

    /** The teams of a run's deals, in name order (deals without a team aside). */
    public List<String> teams(long runId) {
        return jdbc.queryForList("SELECT DISTINCT team FROM deal_snapshot WHERE run_id = ? AND team IS NOT NULL "
                + "ORDER BY team", String.class, runId);
    }

    /**
     * Replaces the run's run-level findings: they belong to no deal, so they are stored with an empty file name,
     * line 0 and an empty deal id (and come first in findings.csv).
     */
    public void replaceRunFindings(long runId, List<com.pipelineforecast.domain.Finding> findings) {
        jdbc.update("DELETE FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0", runId);
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int seq = 0; seq < findings.size(); seq++) {
            var f = findings.get(seq);
            rows.add(new Object[] {runId, "", 0, seq, "", f.code(), f.severity().name(), f.stage(), f.item(),
                f.message()});
        }
        jdbc.batchUpdate("INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, stage, "
                + "item, message) VALUES (?,?,?,?,?,?,?,?,?,?)", rows);
    }

    /**
     * Replaces the run's run-level findings of one code, leaving the others (numbered after them).
     */
    public void replaceRunFindings(long runId, String code, List<com.pipelineforecast.domain.Finding> findings) {
        jdbc.update("DELETE FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0 AND code = ?", runId,
                code);
        Integer last = jdbc.queryForObject("SELECT MAX(seq) FROM deal_finding WHERE run_id = ? AND file_name = '' "
                + "AND line_no = 0", Integer.class, runId);
        int first = last == null ? 0 : last + 1;
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            var f = findings.get(i);
            rows.add(new Object[] {runId, "", 0, first + i, "", f.code(), f.severity().name(), f.stage(), f.item(),
                f.message()});
        }
        jdbc.batchUpdate("INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, stage, "
                + "item, message) VALUES (?,?,?,?,?,?,?,?,?,?)", rows);
    }

    /**
     * Streams the open deals whose checklist evidences less than they claim, by owner and then by the weighted
     * amount their missing items would restore (largest first), one row per missing item in finding order.
     */
    public void forEachAction(long runId, RowCallbackHandler handler) {
        streaming.query("""
                SELECT s.owner_name, s.team, s.deal_id, s.deal_name, s.claimed_stage, s.evidenced_stage,
                       s.weighted_reported, s.weighted_adjusted, s.file_name, s.line_no, f.stage, f.item
                FROM deal_snapshot s
                JOIN deal_finding f ON f.run_id = s.run_id AND f.file_name = s.file_name AND f.line_no = s.line_no
                     AND f.code = 'STAGE_NOT_EVIDENCED'
                WHERE s.run_id = ? AND s.is_open AND NOT s.is_lead AND s.evidenced_order < s.claimed_order
                ORDER BY s.owner_name, s.weighted_reported - s.weighted_adjusted DESC, s.file_name, s.line_no, f.seq
                """, handler, runId);
    }
}
