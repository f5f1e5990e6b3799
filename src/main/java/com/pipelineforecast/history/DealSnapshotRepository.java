package com.pipelineforecast.history;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Reads the table {@code deal_snapshot}: a run's accepted deals, one row each (written by the ingest step). */
@Component
public class DealSnapshotRepository {

    private static final String COUNT_DEALS = """
            SELECT COUNT(*) FROM deal_snapshot WHERE run_id = ?
            """;
    private static final String COUNT_DEALS_BY_FILE = """
            SELECT file_name, COUNT(*) FROM deal_snapshot WHERE run_id = ? GROUP BY file_name ORDER BY file_name
            """;
    private static final String FIND_DEALS = """
            SELECT file_name, line_no, deal_id, deal_name, account, owner_name, team, account_type,
                   claimed_stage, evidenced_stage, category, is_open, is_won, is_lead, crm_forecast_category, currency,
                   amount, amount_reporting, close_date, created_date, stage_since, crm_probability, probability,
                   evidenced_probability, weighted_reported, weighted_adjusted, finding_count, stage_value
            FROM deal_snapshot WHERE run_id = ? ORDER BY file_name, line_no
            """;
    private static final String COUNT_BY_STAGE_VALUE = """
            SELECT stage_value, claimed_stage, COUNT(*) FROM deal_snapshot WHERE run_id = ?
            GROUP BY stage_value, claimed_stage ORDER BY 3 DESC, 1, 2
            """;
    private static final String COUNT_BY_STAGE_VALUE_OF_TEAM = """
            SELECT stage_value, claimed_stage, COUNT(*) FROM deal_snapshot WHERE run_id = ? AND team = ?
            GROUP BY stage_value, claimed_stage ORDER BY 3 DESC, 1, 2
            """;
    private static final String COUNT_CHECKLIST_ASSESSED = """
            SELECT checklist_assessed, COUNT(*) FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead
            GROUP BY checklist_assessed
            """;
    private static final String COUNT_CHECKLIST_ASSESSED_OF_TEAM = """
            SELECT checklist_assessed, COUNT(*) FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead
            AND team = ? GROUP BY checklist_assessed
            """;
    private static final String FIND_TEAMS = """
            SELECT DISTINCT team FROM deal_snapshot WHERE run_id = ? AND team IS NOT NULL ORDER BY team
            """;
    private static final String FIND_ACTIONS = """
            SELECT s.owner_name, s.team, s.deal_id, s.deal_name, s.claimed_stage, s.evidenced_stage,
                   s.weighted_reported, s.weighted_adjusted, s.file_name, s.line_no, f.stage, f.item
            FROM deal_snapshot s
            JOIN deal_finding f ON f.run_id = s.run_id AND f.file_name = s.file_name AND f.line_no = s.line_no
                 AND f.code = 'STAGE_NOT_EVIDENCED'
            WHERE s.run_id = ? AND s.is_open AND NOT s.is_lead AND s.evidenced_order < s.claimed_order
            ORDER BY s.owner_name, s.weighted_reported - s.weighted_adjusted DESC, s.file_name, s.line_no, f.seq
            """;

    private static final String FIND_OPEN_FORECAST_DEALS = """
            SELECT file_name, line_no, deal_id, deal_name, account, owner_name, claimed_stage, evidenced_stage,
                   close_date, stage_since, amount_reporting, weighted_reported, weighted_adjusted
            FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead
            """;
    private static final String FIND_OPEN_FORECAST_DEALS_OF_TEAM = """
            SELECT file_name, line_no, deal_id, deal_name, account, owner_name, claimed_stage, evidenced_stage,
                   close_date, stage_since, amount_reporting, weighted_reported, weighted_adjusted
            FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead AND team = ?
            """;
    private static final String FIND_ROLLUP_ROWS = """
            SELECT claimed_stage, category, crm_forecast_category, is_open, is_lead, is_won, close_date,
                   close_quarter, owner_name, team, stage_since, amount_reporting, weighted_reported, weighted_adjusted,
                   closed_since, stages_seen, claimed_order
            FROM deal_snapshot WHERE run_id = ?
            """;
    private static final String FIND_ROLLUP_ROWS_OF_TEAM = """
            SELECT claimed_stage, category, crm_forecast_category, is_open, is_lead, is_won, close_date,
                   close_quarter, owner_name, team, stage_since, amount_reporting, weighted_reported, weighted_adjusted,
                   closed_since, stages_seen, claimed_order
            FROM deal_snapshot WHERE run_id = ? AND team = ?
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
            BigDecimal weighted, BigDecimal adjusted) {

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

    /** How many deals the run accepted. */
    public long count(long runId) {
        return Queries.count(jdbc, COUNT_DEALS, runId);
    }

    /** How many deals the run accepted from each file, in file name order. */
    public Map<String, Long> countByFile(long runId) {
        return Queries.countsByValue(jdbc, COUNT_DEALS_BY_FILE, runId);
    }

    /** A deal's row as the Deals sheet shows it (amounts in the deal's currency and the reporting currency). */
    public record DealRow(String file, int line, String dealId, String dealName, String account, String owner,
            String team, String accountType, String claimedStage, String evidencedStage, String category,
            boolean open, boolean won, boolean lead, String crmForecastCategory, String currency, BigDecimal amount,
            BigDecimal amountReporting, LocalDate closeDate, LocalDate createdDate, LocalDate stageSince,
            BigDecimal crmProbability, BigDecimal probability, BigDecimal evidencedProbability,
            BigDecimal weightedReported, BigDecimal weightedAdjusted, int findingCount, String stageValue) {
    }

    /** Streams the run's deals in file and line order (the order of the exports). */
    public void forEachDeal(long runId, Consumer<DealRow> action) {
        streaming.query(FIND_DEALS, (RowCallbackHandler) rs -> action.accept(new DealRow(rs.getString("file_name"),
                rs.getInt("line_no"), rs.getString("deal_id"), rs.getString("deal_name"), rs.getString("account"),
                rs.getString("owner_name"), rs.getString("team"), rs.getString("account_type"),
                rs.getString("claimed_stage"), rs.getString("evidenced_stage"), rs.getString("category"),
                rs.getBoolean("is_open"), rs.getBoolean("is_won"), rs.getBoolean("is_lead"),
                rs.getString("crm_forecast_category"), rs.getString("currency"), rs.getBigDecimal("amount"),
                rs.getBigDecimal("amount_reporting"), localDate(rs.getDate("close_date")),
                localDate(rs.getDate("created_date")), localDate(rs.getDate("stage_since")),
                rs.getBigDecimal("crm_probability"), rs.getBigDecimal("probability"),
                rs.getBigDecimal("evidenced_probability"), rs.getBigDecimal("weighted_reported"),
                rs.getBigDecimal("weighted_adjusted"), rs.getInt("finding_count"),
                rs.getString("stage_value"))), runId);
    }

    /**
     * Rows per exported stage value (null for rows without one) and the stage they were counted at, most rows
     * first, of one team's deals ({@code team} null: of every deal): the first {@code limit} groups, and how many
     * groups there are in all.
     */
    public long stageValues(long runId, String team, int limit, Consumer<RowGroup> first) {
        long[] groups = {0};
        RowCallbackHandler handler = rs -> {
            if (groups[0]++ < limit) {
                first.accept(new RowGroup(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        };
        if (team == null) {
            streaming.query(COUNT_BY_STAGE_VALUE, handler, runId);
        } else {
            streaming.query(COUNT_BY_STAGE_VALUE_OF_TEAM, handler, runId, team);
        }
        return groups[0];
    }

    /** Open forecast deals whose checklist was assessed ([0]) and not assessed ([1]), of one team (null: all). */
    public long[] checklistAssessed(long runId, String team) {
        long[] counts = new long[2];
        RowCallbackHandler handler = rs -> {
            boolean assessed = rs.getBoolean(1) || rs.wasNull();
            counts[assessed ? 0 : 1] += rs.getLong(2);
        };
        if (team == null) {
            jdbc.query(COUNT_CHECKLIST_ASSESSED, handler, runId);
        } else {
            jdbc.query(COUNT_CHECKLIST_ASSESSED_OF_TEAM, handler, runId, team);
        }
        return counts;
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

    /** Streams every deal of the run in stored order, of one team ({@code team} null: of every team). */
    public void forEachRollupRow(long runId, String team, Consumer<RollupRow> action) {
        RowCallbackHandler handler = rs -> {
            int quarter = rs.getInt(8);
            Integer closeQuarter = rs.wasNull() ? null : quarter;
            action.accept(new RollupRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                    rs.getBoolean(5), rs.getBoolean(6), localDate(rs.getDate(7)), closeQuarter, rs.getString(9),
                    rs.getString(10), localDate(rs.getDate(11)), rs.getBigDecimal(12), rs.getBigDecimal(13),
                    rs.getBigDecimal(14), localDate(rs.getDate(15)), rs.getLong(16), rs.getInt(17)));
        };
        if (team == null) {
            streaming.query(FIND_ROLLUP_ROWS, handler, runId);
        } else {
            streaming.query(FIND_ROLLUP_ROWS_OF_TEAM, handler, runId, team);
        }
    }

    /** Streams the run's open deals that are no leads, of one team ({@code team} null: of every team). */
    public void forEachOpenDeal(long runId, String team, Consumer<OpenDeal> action) {
        RowCallbackHandler handler = rs -> action.accept(new OpenDeal(rs.getString(1), rs.getInt(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                localDate(rs.getDate(9)), localDate(rs.getDate(10)), rs.getBigDecimal(11), rs.getBigDecimal(12),
                rs.getBigDecimal(13)));
        if (team == null) {
            streaming.query(FIND_OPEN_FORECAST_DEALS, handler, runId);
        } else {
            streaming.query(FIND_OPEN_FORECAST_DEALS_OF_TEAM, handler, runId, team);
        }
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    /**
     * Streams the open deals whose checklist evidences less than they claim, by owner and then by the weighted
     * amount their missing items would restore (largest first), one row per missing item in finding order.
     */
    public void forEachAction(long runId, Consumer<ActionLine> action) {
        streaming.query(FIND_ACTIONS, (RowCallbackHandler) rs -> action.accept(new ActionLine(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9), rs.getInt(10), rs.getString(11),
                rs.getString(12))), runId);
    }

    /** A checklist item missing on an open deal that claims more than it evidences, with the deal. */
    public record ActionLine(String owner, String team, String dealId, String dealName, String claimedStage,
            String evidencedStage, BigDecimal weightedReported, BigDecimal weightedAdjusted, String file, int line,
            String stage, String item) {
    }
}
