package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Money;

/**
 * The table {@code deal_snapshot}, where earlier versions kept a run's accepted deals, one row each: read once to
 * make such a run's state file ({@link DealStates}), deleted with the run's other per-deal rows by
 * {@code --keep-runs}. A night's deals are now in its work folder ({@link DealRecords}) and state file. Also the
 * deal rows the reports are fed.
 */
@Component
public class DealSnapshotRepository {

    private static final String FIND_ANY_ROW = """
            SELECT COUNT(*) FROM forecast_run r
            WHERE r.run_id = ? AND EXISTS (SELECT 1 FROM deal_snapshot s WHERE s.run_id = r.run_id)
            """;
    /** A run's deals as its state file holds them. */
    private static final String FIND_STATES = """
            SELECT deal_id, claimed_order, close_quarter, amount_reporting,
                   CASE WHEN is_open AND NOT is_lead THEN weighted_reported ELSE 0 END, is_won, is_open,
                   claimed_stage, close_date, team, dup_key, file_name, line_no, deal_name, owner_name, is_lead,
                   stage_since, stages_seen, closed_since
            FROM deal_snapshot WHERE run_id = ? ORDER BY file_name, line_no
            """;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public DealSnapshotRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = Queries.streaming(jdbc);
    }

    /** An open deal that is no lead, as the watchlists weigh it (amount and weights in the reporting currency). */
    public record OpenDeal(String file, int line, String dealId, String dealName, String account, String owner,
            String claimed, String evidenced, LocalDate closeDate, LocalDate stageSince, BigDecimal amount,
            BigDecimal weighted, BigDecimal adjusted, List<DealFindingRepository.MissingItem> missingItems) {

        /** What the deal's checklist does not evidence: weighted as reported less checklist-adjusted. */
        public BigDecimal gap() {
            return weighted.subtract(adjusted);
        }
    }

    /** Whether the run has snapshot rows (a run ingested by an earlier version, its deals not removed). */
    public boolean hasRows(long runId) {
        return Queries.count(jdbc, FIND_ANY_ROW, runId) > 0;
    }

    /** Streams a run's snapshot rows as deal states, in file and line order. */
    void forEachLegacyState(long runId, Consumer<DealStates.State> action) {
        long[] ordinal = {0};
        streaming.query(FIND_STATES, (RowCallbackHandler) rs -> action.accept(new DealStates.State(rs.getString(1),
                rs.getInt(2), rs.getObject(3) == null ? DealStates.NO_QUARTER : rs.getInt(3),
                Money.round(rs.getBigDecimal(4)), Money.round(rs.getBigDecimal(5)), rs.getBoolean(6), rs.getBoolean(7),
                rs.getString(8), localDate(rs.getDate(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getInt(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), localDate(rs.getDate(17)),
                rs.getLong(18), localDate(rs.getDate(19)), ordinal[0]++)), runId);
    }

    /** A deal's row as the Deals sheet shows it (amounts in the deal's currency and the reporting currency). */
    public record DealRow(String file, int line, String dealId, String dealName, String account, String owner,
            String team, String accountType, String claimedStage, String evidencedStage, String category,
            boolean open, boolean won, boolean lead, String crmForecastCategory, String currency, BigDecimal amount,
            BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageSince,
            BigDecimal crmProbability, BigDecimal probability, BigDecimal evidencedProbability,
            BigDecimal weightedReported, BigDecimal weightedAdjusted, int findingCount, String stageValue) {
    }

    /**
     * A deal's row as the forecast rollup sums it: amounts and weights in the reporting currency, the close
     * quarter's key (null without close date), the stages it has been seen at (a bit per stage order).
     */
    public record RollupRow(String claimedStage, String category, String crmForecastCategory, boolean open,
            boolean lead, boolean won, LocalDate closeDate, Integer closeQuarter, String owner, String team,
            LocalDate stageSince, BigDecimal amount, BigDecimal weightedReported, BigDecimal weightedAdjusted,
            LocalDate closedSince, long stagesSeen, int claimedOrder) {
    }

    /** A checklist item missing on an open deal that claims more than it evidences, with the deal. */
    public record ActionLine(String owner, String team, String dealId, String dealName, String claimedStage,
            String evidencedStage, BigDecimal weightedReported, BigDecimal weightedAdjusted, String file, int line,
            String stage, String item) {
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
