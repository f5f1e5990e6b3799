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

/**
 * The table {@code deal_finding}: a run's findings, each on a deal's row ({@code file_name}, {@code line_no}) or,
 * for the run-level ones, on file '' and line 0.
 */
@Component
public class DealFindingRepository {

    // run-level findings (file '' and line 0) read as blanks
    private static final String FIND_FINDINGS = """
            SELECT NULLIF(file_name, ''), NULLIF(line_no, 0), deal_id, code, severity, stage, item, message
            FROM deal_finding WHERE run_id = ? ORDER BY file_name, line_no, seq""";
    private static final String FIND_DEAL_FINDINGS = """
            SELECT file_name, line_no, deal_id, code, severity, stage, item, message
            FROM deal_finding WHERE run_id = ? AND file_name <> '' ORDER BY file_name, line_no, seq""";
    private static final String FIND_RUN_FINDINGS = """
            SELECT NULL, NULL, deal_id, code, severity, stage, item, message, NULL FROM deal_finding
            WHERE run_id = ? AND file_name = '' AND line_no = 0 ORDER BY seq
            """;
    private static final String FIND_GAPS_OF_DEALS_WITH_FINDINGS = """
            SELECT file_name, line_no, weighted_reported - weighted_adjusted FROM deal_snapshot
            WHERE run_id = ? AND finding_count > 0
            """;
    private static final String FIND_FINDINGS_OF_DEAL = """
            SELECT file_name, line_no, deal_id, code, severity, stage, item, message FROM deal_finding
            WHERE run_id = ? AND file_name = ? AND line_no = ? ORDER BY seq
            """;
    private static final String COUNT_BY_CODE = """
            SELECT code, COUNT(*) FROM deal_finding WHERE run_id = ? GROUP BY code ORDER BY COUNT(*) DESC, code
            """;
    private static final String COUNT_BY_CODE_OF_TEAM = """
            SELECT f.code, COUNT(*) FROM deal_finding f JOIN deal_snapshot d ON d.run_id = f.run_id
            AND d.file_name = f.file_name AND d.line_no = f.line_no WHERE f.run_id = ? AND d.team = ?
            GROUP BY f.code ORDER BY COUNT(*) DESC, f.code
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
    private static final String FIND_MISSING_ITEMS_OF_DEAL = """
            SELECT stage, item FROM deal_finding WHERE run_id = ? AND file_name = ? AND line_no = ?
            AND code = 'STAGE_NOT_EVIDENCED' ORDER BY seq
            """;
    private static final String COUNT_MISSING_ITEMS = """
            SELECT stage, item, COUNT(*) FROM deal_finding WHERE run_id = ? AND code = 'STAGE_NOT_EVIDENCED'
            GROUP BY stage, item ORDER BY 3 DESC, 1, 2
            """;
    private static final String COUNT_MISSING_ITEMS_OF_TEAM = """
            SELECT f.stage, f.item, COUNT(*) FROM deal_finding f JOIN deal_snapshot d ON d.run_id = f.run_id
            AND d.file_name = f.file_name AND d.line_no = f.line_no WHERE f.run_id = ?
            AND f.code = 'STAGE_NOT_EVIDENCED' AND d.team = ? GROUP BY f.stage, f.item
            ORDER BY 3 DESC, 1, 2
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

    /** The run's findings in order: the run-level ones, then those of the deals in file, line and finding order. */
    public void forEachFinding(long runId, Consumer<FindingLine> action) {
        streaming.query(FIND_FINDINGS, (RowCallbackHandler) rs -> action.accept(finding(rs, null)), runId);
    }

    /** The run-level findings in order (file and line null). */
    public void forEachRunFinding(long runId, Consumer<FindingLine> action) {
        streaming.query(FIND_RUN_FINDINGS, (RowCallbackHandler) rs -> action.accept(finding(rs, null)), runId);
    }

    /** The findings of the run's deals in file, line and finding order (the run-level ones aside). */
    public void forEachDealFinding(long runId, Consumer<FindingLine> action) {
        streaming.query(FIND_DEAL_FINDINGS, (RowCallbackHandler) rs -> action.accept(finding(rs, null)), runId);
    }

    private static FindingLine finding(ResultSet rs, BigDecimal gap) throws SQLException {
        int line = rs.getInt(2);
        return new FindingLine(rs.getString(1), rs.wasNull() ? null : line, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), gap);
    }

    /**
     * The findings a person reads in the workbook: the run-level ones, then those of the {@code deals} deals with
     * the largest checklist gap (weighted as reported less checklist-adjusted), largest first; the gap is the last
     * column (null for run-level findings).
     */
    public void forEachFindingOfLargestGaps(long runId, int deals, Consumer<FindingLine> action) {
        streaming.query(FIND_RUN_FINDINGS, (RowCallbackHandler) rs -> action.accept(finding(rs, null)), runId);
        // the largest gaps kept while the deals stream by (a sort of every deal in the database cost more)
        PriorityQueue<Gap> largest = new PriorityQueue<>(Gap.LARGEST_FIRST.reversed());
        streaming.query(FIND_GAPS_OF_DEALS_WITH_FINDINGS, (RowCallbackHandler) rs -> {
            largest.add(new Gap(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3)));
            if (largest.size() > deals) {
                largest.poll();
            }
        }, runId);
        List<Gap> ordered = new ArrayList<>(largest);
        ordered.sort(Gap.LARGEST_FIRST);
        for (Gap gap : ordered) {
            jdbc.query(FIND_FINDINGS_OF_DEAL, (RowCallbackHandler) rs -> action.accept(finding(rs, gap.gap())), runId,
                    gap.file(), gap.line());
        }
    }

    /** A deal's checklist gap. */
    private record Gap(String file, int line, BigDecimal gap) {

        /** Largest gap first, then in file and line order. */
        static final Comparator<Gap> LARGEST_FIRST = Comparator.comparing(Gap::gap, Comparator.reverseOrder())
                .thenComparing(Gap::file).thenComparingInt(Gap::line);
    }

    /** How many findings of each code the run has, most frequent first. */
    public Map<String, Long> countByCode(long runId) {
        return Queries.countsByValue(jdbc, COUNT_BY_CODE, runId);
    }

    /** The findings of one team's deals, per code (as {@link #countByCode(long)}). */
    public Map<String, Long> countByCode(long runId, String team) {
        return Queries.countsByValue(jdbc, COUNT_BY_CODE_OF_TEAM, runId, team);
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
    public void replaceRunFindings(long runId, String code, List<Finding> findings) {
        jdbc.update(DELETE_RUN_FINDINGS_OF_CODE, runId, code);
        Integer last = jdbc.queryForObject(FIND_LAST_RUN_FINDING_SEQ, Integer.class, runId);
        insertRunFindings(runId, last == null ? 0 : last + 1, findings);
    }

    private void insertRunFindings(long runId, int firstSeq, List<Finding> findings) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            rows.add(new Object[] {runId, "", 0, firstSeq + i, "", f.code(), f.severity().name(), f.stage(), f.item(),
                f.message()});
        }
        jdbc.batchUpdate(CREATE_FINDING, rows);
    }

    /** The checklist items one deal's evidence misses, in finding order. */
    public List<MissingItem> missingItems(long runId, String file, int line) {
        return jdbc.query(FIND_MISSING_ITEMS_OF_DEAL, (rs, n) -> new MissingItem(rs.getString(1), rs.getString(2), 1),
                runId, file, line);
    }

    /** The first {@code limit} checklist items missed on the most deals, of one team's deals (null: of all). */
    public List<MissingItem> mostMissedItems(long runId, String team, int limit) {
        List<MissingItem> items = new ArrayList<>();
        RowCallbackHandler handler = rs -> {
            if (items.size() < limit) {
                items.add(new MissingItem(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        };
        if (team == null) {
            jdbc.query(COUNT_MISSING_ITEMS, handler, runId);
        } else {
            jdbc.query(COUNT_MISSING_ITEMS_OF_TEAM, handler, runId, team);
        }
        return items;
    }
}
