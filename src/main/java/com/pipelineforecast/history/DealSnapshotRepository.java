package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.Severity;

/** Reads the table {@code deal_snapshot}: a run's accepted deals, one row each (written by the ingest step). */
@Component
public class DealSnapshotRepository {

    private static final String COUNT_DEALS = """
            SELECT COUNT(*) FROM deal_snapshot WHERE run_id = ?
            """;
    private static final String FIND_TEAMS = """
            SELECT DISTINCT team FROM deal_snapshot WHERE run_id = ? AND team IS NOT NULL ORDER BY team
            """;
    /** The items missed at ingest are on the row; those the duplicate check added are findings in the database. */
    private static final String FIND_ACTIONS = """
            SELECT s.owner_name, s.team, s.deal_id, s.deal_name, s.claimed_stage, s.evidenced_stage,
                   s.weighted_reported, s.weighted_adjusted, s.file_name, s.line_no, s.missing_items, f.stage, f.item
            FROM deal_snapshot s
            LEFT JOIN deal_finding f ON f.run_id = s.run_id AND f.file_name = s.file_name AND f.line_no = s.line_no
                 AND f.code = 'STAGE_NOT_EVIDENCED'
            WHERE s.run_id = ? AND s.is_open AND NOT s.is_lead AND s.evidenced_order < s.claimed_order
            ORDER BY s.owner_name, s.weighted_reported - s.weighted_adjusted DESC, s.file_name, s.line_no, f.seq
            """;

    /** One row per finding the duplicate check added (the only deal findings the database holds). */
    private static final String FIND_REVISIONS_OF_FILE = """
            SELECT s.line_no, s.evidenced_stage, s.evidenced_order, s.evidenced_probability, s.weighted_adjusted,
                   s.finding_count, f.code, f.severity, f.stage, f.item, f.message
            FROM revised_deal r JOIN deal_snapshot s ON s.run_id = r.run_id AND s.file_name = r.file_name
                 AND s.line_no = r.line_no
            JOIN deal_finding f ON f.run_id = r.run_id AND f.file_name = r.file_name AND f.line_no = r.line_no
            WHERE r.run_id = ? AND r.file_name = ? ORDER BY r.line_no, f.seq
            """;
    private static final String FIND_ANY_ROW = """
            SELECT COUNT(*) FROM forecast_run r
            WHERE r.run_id = ? AND EXISTS (SELECT 1 FROM deal_snapshot s WHERE s.run_id = r.run_id)
            """;
    /** A run's deals as its state file holds them, for a run ingested when deals were kept as rows. */
    private static final String FIND_STATES = """
            SELECT deal_id, claimed_order, close_quarter, amount_reporting,
                   CASE WHEN is_open AND NOT is_lead THEN weighted_reported ELSE 0 END, is_won, is_open,
                   claimed_stage, close_date, team, dup_key, file_name, line_no, deal_name, owner_name, is_lead,
                   stage_since, stages_seen, closed_since
            FROM deal_snapshot WHERE run_id = ? ORDER BY file_name, line_no
            """;
    private static final String FIND_NAMES_OF_DEAL = """
            SELECT deal_name, owner_name, claimed_stage FROM deal_snapshot WHERE run_id = ? AND deal_id = ?
            ORDER BY file_name, line_no
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

    /** A deal's name, owner and claimed stage. */
    public record Named(String dealName, String owner, String claimedStage) {
    }

    /** The name, owner and stage of a deal id's first row in a run (in file and line order), if it has one. */
    public Optional<Named> firstNamed(long runId, String dealId) {
        return jdbc.query(FIND_NAMES_OF_DEAL, rs -> rs.next()
                ? Optional.of(new Named(rs.getString(1), rs.getString(2), rs.getString(3)))
                : Optional.<Named>empty(), runId, dealId);
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
                rs.getBigDecimal(4).setScale(2), rs.getBigDecimal(5).setScale(2), rs.getBoolean(6), rs.getBoolean(7),
                rs.getString(8), localDate(rs.getDate(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getInt(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), localDate(rs.getDate(17)),
                rs.getLong(18), localDate(rs.getDate(19)), ordinal[0]++)), runId);
    }

    /** How many deals the run accepted. */
    public long count(long runId) {
        return Queries.count(jdbc, COUNT_DEALS, runId);
    }

    /** A deal's row as the Deals sheet shows it (amounts in the deal's currency and the reporting currency). */
    public record DealRow(String file, int line, String dealId, String dealName, String account, String owner,
            String team, String accountType, String claimedStage, String evidencedStage, String category,
            boolean open, boolean won, boolean lead, String crmForecastCategory, String currency, BigDecimal amount,
            BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageSince,
            BigDecimal crmProbability, BigDecimal probability, BigDecimal evidencedProbability,
            BigDecimal weightedReported, BigDecimal weightedAdjusted, int findingCount, String stageValue) {
    }

    /** The teams of a run's deals, in name order (deals without a team aside). */
    public List<String> teams(long runId) {
        return jdbc.queryForList(FIND_TEAMS, String.class, runId);
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

    /**
     * What the duplicate check revised on the deals of one export file of a run ({@code revised_deal}), in line
     * order, a finding it added at a time (the revision repeated with each); close the stream.
     */
    public java.util.stream.Stream<RevisedFinding> revisions(long runId, String file) {
        return streaming.queryForStream(FIND_REVISIONS_OF_FILE, (rs, n) -> new RevisedFinding(new DealRecord.Revision(
                rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getInt(6)), new Finding(rs.getString(7), Severity.valueOf(rs.getString(8)), rs.getString(9),
                rs.getString(10), rs.getString(11))), runId, file);
    }

    /** A deal's revision by the duplicate check, and one finding it added. */
    public record RevisedFinding(DealRecord.Revision revision, Finding finding) {
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    /**
     * Streams the open deals whose checklist evidences less than they claim, by owner and then by the weighted
     * amount their missing items would restore (largest first), one row per missing item in finding order.
     */
    public void forEachAction(long runId, Consumer<ActionLine> action) {
        String[] lastDeal = {null};
        streaming.query(FIND_ACTIONS, (RowCallbackHandler) rs -> {
            String file = rs.getString(9);
            int line = rs.getInt(10);
            List<String[]> items = new java.util.ArrayList<>();
            String deal = file + "\u0000" + line;
            if (!deal.equals(lastDeal[0])) {
                lastDeal[0] = deal;
                items.addAll(MissingItems.split(rs.getString(11)));
            }
            if (rs.getString(12) != null) {
                items.add(new String[] {rs.getString(12), rs.getString(13)});
            }
            for (String[] item : items) {
                action.accept(new ActionLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), file, line,
                        item[0], item[1]));
            }
        }, runId);
    }

    /** A checklist item missing on an open deal that claims more than it evidences, with the deal. */
    public record ActionLine(String owner, String team, String dealId, String dealName, String claimedStage,
            String evidencedStage, BigDecimal weightedReported, BigDecimal weightedAdjusted, String file, int line,
            String stage, String item) {
    }
}
