package com.pipelineforecast.history;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.RejectionReason;

/** Reads the table {@code rejected_row}: the rows of the exports a run could not accept, and why. */
@Component
public class RejectedRowRepository {

    private static final String COUNT_REJECTED = """
            SELECT COUNT(*) FROM rejected_row WHERE run_id = ?
            """;
    private static final String COUNT_REJECTED_BY_FILE = """
            SELECT file_name, COUNT(*) FROM rejected_row WHERE run_id = ? GROUP BY file_name ORDER BY file_name
            """;
    private static final String FIND_REJECTED = """
            SELECT file_name, line_no, column_name, raw_value, reason FROM rejected_row WHERE run_id = ?
            ORDER BY file_name, line_no
            """;
    private static final String COUNT_BY_REASON_CODE = """
            SELECT SUBSTRING(reason FROM 1 FOR POSITION(':' IN reason) - 1) AS code, COUNT(*) FROM rejected_row
            WHERE run_id = ? GROUP BY SUBSTRING(reason FROM 1 FOR POSITION(':' IN reason) - 1) ORDER BY 2 DESC, 1
            """;
    private static final String FIND_CURRENCIES_WITHOUT_RATE = """
            SELECT DISTINCT raw_value FROM rejected_row WHERE run_id = ? AND reason LIKE '%s%%'
            ORDER BY raw_value
            """.formatted(RejectionReason.NO_FX_RATE.name());
    private static final String COUNT_BY_UNKNOWN_STAGE_VALUE = """
            SELECT raw_value, COUNT(*) FROM rejected_row WHERE run_id = ? AND reason LIKE '%s%%'
            GROUP BY raw_value ORDER BY 2 DESC, 1
            """.formatted(RejectionReason.UNKNOWN_STAGE.name());

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public RejectedRowRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = Queries.streaming(jdbc);
    }

    /** How many rows the run rejected. */
    public long count(long runId) {
        return Queries.count(jdbc, COUNT_REJECTED, runId);
    }

    /** How many rows the run rejected from each file, in file name order. */
    public Map<String, Long> countByFile(long runId) {
        return Queries.countsByValue(jdbc, COUNT_REJECTED_BY_FILE, runId);
    }

    /** A rejected row: where it is, the column and value that failed, and why. */
    public record RejectedLine(String file, int line, String column, String value, String reason) {
    }

    /** Streams the run's rejected rows in file and line order. */
    public void forEachRejected(long runId, Consumer<RejectedLine> action) {
        streaming.query(FIND_REJECTED, (RowCallbackHandler) rs -> action.accept(new RejectedLine(rs.getString(1),
                rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5))), runId);
    }

    /** How many rows were rejected for each reason code, most first. */
    public Map<String, Long> countByReasonCode(long runId) {
        return Queries.countsByValue(jdbc, COUNT_BY_REASON_CODE, runId);
    }

    /** The currencies that had no exchange rate, in order. */
    public List<String> currenciesWithoutRate(long runId) {
        return jdbc.queryForList(FIND_CURRENCIES_WITHOUT_RATE, String.class, runId);
    }

    /**
     * Rows rejected per stage value that no mapping knows, most first: the first {@code limit}, and how many in
     * all.
     */
    public long unknownStageValues(long runId, int limit, Consumer<RowGroup> first) {
        long[] groups = {0};
        streaming.query(COUNT_BY_UNKNOWN_STAGE_VALUE, rs -> {
            if (groups[0]++ < limit) {
                first.accept(new RowGroup(rs.getString(1), null, rs.getLong(2)));
            }
        }, runId);
        return groups[0];
    }
}
