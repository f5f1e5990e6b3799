package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.domain.Severity;

/**
 * The table {@code revised_deal}: the deals of a run whose evidenced stage the duplicate check lowered after ingest,
 * with their lowered evidence and weight. With the findings the check added ({@code deal_finding}, from
 * {@value #FIRST_ADDED_SEQ} on) it is what the reports merge into the deal records ({@link RunDeals}).
 */
@Component
public class RevisedDealRepository {

    /** Findings added after ingest are numbered from here, after the ingest's own. */
    public static final int FIRST_ADDED_SEQ = 1000;

    private static final String CREATE_LOWERED = """
            INSERT INTO revised_deal (run_id, file_name, line_no, evidenced_stage, evidenced_order,
                evidenced_probability, weighted_adjusted) VALUES (?,?,?,?,?,?,?)
            """;
    private static final String DELETE_RUN = """
            DELETE FROM revised_deal WHERE run_id = ?
            """;
    /** Every finding added after ingest, with the deal's lowered evidence where the check lowered it. */
    private static final String FIND_REVISIONS_OF_FILE = """
            SELECT f.line_no, r.evidenced_stage, r.evidenced_order, r.evidenced_probability, r.weighted_adjusted,
                   f.code, f.severity, f.stage, f.item, f.message
            FROM deal_finding f LEFT JOIN revised_deal r ON r.run_id = f.run_id AND r.file_name = f.file_name
                 AND r.line_no = f.line_no
            WHERE f.run_id = ? AND f.file_name = ? AND f.seq >= %d ORDER BY f.line_no, f.seq
            """.formatted(FIRST_ADDED_SEQ);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public RevisedDealRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = Queries.streaming(jdbc);
    }

    /** A deal whose evidence the check lowered: to the stage, order and probability, with the weight that gives. */
    public record Lowered(long runId, String file, int line, String stage, int order, BigDecimal probability,
            BigDecimal weightedAdjusted) {
    }

    public void lower(List<Lowered> deals) {
        jdbc.batchUpdate(CREATE_LOWERED, deals.stream().map(d -> new Object[] {d.runId(), d.file(), d.line(),
            d.stage(), d.order(), d.probability(), d.weightedAdjusted()}).toList());
    }

    /** Removes what the check lowered on a run's deals (a restart of the check). */
    public void deleteRun(long runId) {
        jdbc.update(DELETE_RUN, runId);
    }

    /**
     * What the check revised on the deals of one export file of a run, in line order, a finding it added at a time
     * (the revision repeated with each); close the stream.
     */
    Stream<RevisedFinding> revisions(long runId, String file) {
        return streaming.queryForStream(FIND_REVISIONS_OF_FILE, (rs, n) -> {
            int order = rs.getInt(3);
            Integer evidencedOrder = rs.wasNull() ? null : order;
            return new RevisedFinding(new DealRecord.Revision(rs.getInt(1), rs.getString(2), evidencedOrder,
                    rs.getBigDecimal(4), rs.getBigDecimal(5)), new Finding(FindingCode.parse(rs.getString(6)),
                            Severity.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10)));
        }, runId, file);
    }

    /** A deal's revision by the duplicate check, and one finding it added. */
    record RevisedFinding(DealRecord.Revision revision, Finding finding) {
    }
}
