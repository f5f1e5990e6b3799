package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;

/**
 * The table {@code deal_finding}: a run's findings, each on a deal's row ({@code file_name}, {@code line_no}) or,
 * for the run-level ones, on file '' and line 0.
 */
@Component
public class DealFindingRepository {

    private static final String FIND_RUN_FINDINGS = """
            SELECT NULL, NULL, deal_id, code, severity, stage, item, message, NULL FROM deal_finding
            WHERE run_id = ? AND file_name = '' AND line_no = 0 ORDER BY seq
            """;
    private static final String COUNT_RUN_FINDINGS_BY_CODE = """
            SELECT code, COUNT(*) FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0
            GROUP BY code ORDER BY COUNT(*) DESC, code
            """;
    private static final String DELETE_RUN_FINDINGS = """
            DELETE FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0
            """;
    private static final String DELETE_RUN_FINDINGS_OF_CODE = """
            DELETE FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0 AND code = ?
            """;
    private static final String FIND_LAST_RUN_FINDING_SEQ = """
            SELECT MAX(seq) FROM deal_finding WHERE run_id = ? AND file_name = '' AND line_no = 0
            """;
    private static final String CREATE_FINDING = """
            INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, stage, item, message)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """;

    private static final String FIND_ROWS_WITH_FINDINGS_FROM = """
            SELECT DISTINCT file_name, line_no FROM deal_finding WHERE run_id = ? AND seq >= ? AND line_no > 0
            """;
    private static final String DELETE_FINDINGS_OF_ROW_FROM = """
            DELETE FROM deal_finding WHERE run_id = ? AND file_name = ? AND line_no = ? AND seq >= ?
            """;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public DealFindingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = Queries.streaming(jdbc);
    }

    /** A checklist item a deal's evidence misses: its stage and item ids, and on how many deals (1 for one deal). */
    public record MissingItem(String stage, String item, long deals) {
    }

    /**
     * A finding: its deal's file and line (null for a run-level finding), deal id, code, severity, checklist stage
     * and item, message, and where asked for, the deal's checklist gap (weighted as reported less
     * checklist-adjusted; else null).
     */
    public record FindingLine(String file, Integer line, String dealId, String code, String severity, String stage,
            String item, String message, BigDecimal gap) {
    }

    /** A finding on a deal's row, numbered {@code seq} among the row's findings. */
    public record DealFinding(long runId, String file, int line, int seq, String dealId, Finding finding) {
    }

    /** Adds findings to deal rows. */
    public void addDealFindings(List<DealFinding> findings) {
        jdbc.batchUpdate(CREATE_FINDING, findings.stream().map(f -> new Object[] {f.runId(), f.file(), f.line(),
            f.seq(), f.dealId(), f.finding().code().name(), f.finding().severity().name(), f.finding().stage(),
            f.finding().item(), f.finding().message()}).toList());
    }

    /** Streams the deal rows (file and line) of a run that have findings numbered {@code seq} or later. */
    public void forEachRowWithFindingsFrom(long runId, int seq, java.util.function.ObjIntConsumer<String> row) {
        streaming.query(FIND_ROWS_WITH_FINDINGS_FROM, (RowCallbackHandler) rs -> row.accept(rs.getString(1),
                rs.getInt(2)), runId, seq);
    }

    /** Removes the findings numbered {@code seq} or later of the rows given as file and line. */
    public void deleteFindingsFrom(long runId, int seq, List<Object[]> fileAndLine) {
        jdbc.batchUpdate(DELETE_FINDINGS_OF_ROW_FROM, fileAndLine.stream().map(row -> new Object[] {runId, row[0],
            row[1], seq}).toList());
    }

    /** The run-level findings in order (file and line null). */
    public void forEachRunFinding(long runId, Consumer<FindingLine> action) {
        streaming.query(FIND_RUN_FINDINGS, (RowCallbackHandler) rs -> action.accept(finding(rs, null)), runId);
    }

    private static FindingLine finding(ResultSet rs, BigDecimal gap) throws SQLException {
        int line = rs.getInt(2);
        return new FindingLine(rs.getString(1), rs.wasNull() ? null : line, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), gap);
    }

    /** How many run-level findings of each code the run has, most frequent first. */
    public Map<String, Long> countRunFindingsByCode(long runId) {
        return Queries.countsByValue(jdbc, COUNT_RUN_FINDINGS_BY_CODE, runId);
    }

    /**
     * Replaces the run's run-level findings: they belong to no deal, so they are stored with an empty file name,
     * line 0 and an empty deal id (and come first in findings.csv).
     */
    public void replaceRunFindings(long runId, List<Finding> findings) {
        jdbc.update(DELETE_RUN_FINDINGS, runId);
        insertRunFindings(runId, 0, findings);
    }

    /** Replaces the run's run-level findings of one code, leaving the others (numbered after them). */
    public void replaceRunFindings(long runId, FindingCode code, List<Finding> findings) {
        jdbc.update(DELETE_RUN_FINDINGS_OF_CODE, runId, code.name());
        Integer last = jdbc.queryForObject(FIND_LAST_RUN_FINDING_SEQ, Integer.class, runId);
        insertRunFindings(runId, last == null ? 0 : last + 1, findings);
    }

    private void insertRunFindings(long runId, int firstSeq, List<Finding> findings) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            rows.add(new Object[] {runId, "", 0, firstSeq + i, "", f.code().name(), f.severity().name(), f.stage(),
                f.item(), f.message()});
        }
        jdbc.batchUpdate(CREATE_FINDING, rows);
    }


}
