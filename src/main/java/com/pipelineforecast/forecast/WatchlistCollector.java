package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Builds a run's {@link Watchlists} in one streaming pass over its open deals, keeping only the top entries of each
 * list in memory, then looks up the missing items of the few unevidenced deals it keeps.
 */
@Component
public class WatchlistCollector {

    private static final int FETCH_SIZE = 1000;
    private static final Comparator<Candidate> BY_WEIGHT = Comparator.comparing(Candidate::weighted)
            .thenComparing(Candidate::dealId, Comparator.reverseOrder());

    private final JdbcTemplate streaming;
    private final JdbcTemplate jdbc;

    public WatchlistCollector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
    }

    private record Candidate(String file, int line, String dealId, String dealName, String account, String owner,
            String claimed, String evidenced, LocalDate closeDate, LocalDate stageSince, BigDecimal amount,
            BigDecimal weighted, BigDecimal adjusted) {

        BigDecimal gap() {
            return weighted.subtract(adjusted);
        }

        Watchlists.DealLine line(long days) {
            return new Watchlists.DealLine(dealId, dealName, account, owner, claimed,
                    closeDate == null ? null : closeDate.toString(), days, amount, weighted);
        }
    }

    /** The lists, and per owner the deals whose checklist evidences less than they claim. */
    public record Collected(Watchlists watchlists, ForecastAnalysis.Actions actions) {
    }

    /** Deals at least this long in their stage make the "longest in stage" list. */
    static final int LONG_IN_STAGE_DAYS = 30;

    public Collected collect(long runId, LocalDate runDate, Playbook playbook, int limit,
            List<Watchlists.SlippedDeal> slipped) {
        return collect(runId, runDate, playbook, limit, slipped, null);
    }

    /** The lists of one team's deals ({@code team} null: of every deal). */
    public Collected collect(long runId, LocalDate runDate, Playbook playbook, int limit,
            List<Watchlists.SlippedDeal> slipped, String team) {
        java.util.Map<String, Object[]> byOwner = new java.util.TreeMap<>();
        TopList<Candidate> top = new TopList<>(limit, BY_WEIGHT);
        TopList<Candidate> overdue = new TopList<>(limit, BY_WEIGHT);
        TopList<Candidate> unevidenced = new TopList<>(limit, Comparator.comparing(Candidate::gap)
                .thenComparing(Candidate::dealId, Comparator.reverseOrder()));
        TopList<Candidate> longInStage = new TopList<>(limit, Comparator.comparing((Candidate c) -> c.stageSince(),
                Comparator.reverseOrder()).thenComparing(BY_WEIGHT));
        streaming.query("SELECT file_name, line_no, deal_id, deal_name, account, owner_name, claimed_stage, "
                + "evidenced_stage, close_date, stage_since, amount_reporting, weighted_reported, weighted_adjusted "
                + "FROM deal_snapshot WHERE run_id = ? AND is_open AND NOT is_lead"
                + (team == null ? "" : " AND team = ?"), rs -> {
                    Candidate c = new Candidate(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            localDate(rs.getDate(9)), localDate(rs.getDate(10)), rs.getBigDecimal(11),
                            rs.getBigDecimal(12), rs.getBigDecimal(13));
                    top.offer(c);
                    if (c.closeDate() != null && c.closeDate().isBefore(runDate)) {
                        overdue.offer(c);
                    }
                    if (!c.claimed().equals(c.evidenced())) {
                        unevidenced.offer(c);
                        Object[] owner = byOwner.computeIfAbsent(c.owner() == null ? "(no owner)" : c.owner(),
                                o -> new Object[] {0L, BigDecimal.ZERO});
                        owner[0] = (Long) owner[0] + 1;
                        owner[1] = ((BigDecimal) owner[1]).add(c.gap());
                    }
                    if (c.stageSince() != null
                            && runDate.toEpochDay() - c.stageSince().toEpochDay() >= LONG_IN_STAGE_DAYS) {
                        longInStage.offer(c);
                    }
                }, team == null ? new Object[] {runId} : new Object[] {runId, team});
        List<Watchlists.UnevidencedDeal> unevidencedDeals = unevidenced.largestFirst().stream()
                .map(c -> unevidenced(runId, c, playbook)).toList();
        return new Collected(new Watchlists(limit,
                top.largestFirst().stream().map(c -> c.line(0)).toList(),
                unevidencedDeals,
                missingItems(runId, playbook, limit, team),
                overdue.largestFirst().stream().map(c -> c.line(runDate.toEpochDay() - c.closeDate().toEpochDay()))
                        .toList(),
                slipped,
                longInStage.largestFirst().stream().map(c -> c.line(runDate.toEpochDay()
                        - c.stageSince().toEpochDay())).toList()), actions(byOwner, unevidencedDeals, playbook));
    }

    private static ForecastAnalysis.Actions actions(java.util.Map<String, Object[]> byOwner,
            List<Watchlists.UnevidencedDeal> top, Playbook playbook) {
        List<ForecastAnalysis.OwnerActions> owners = new ArrayList<>();
        long deals = 0;
        BigDecimal restorable = BigDecimal.ZERO.setScale(2);
        for (var owner : byOwner.entrySet()) {
            long count = (Long) owner.getValue()[0];
            BigDecimal amount = ((BigDecimal) owner.getValue()[1]).setScale(2);
            owners.add(new ForecastAnalysis.OwnerActions(owner.getKey(), count, amount));
            deals += count;
            restorable = restorable.add(amount);
        }
        owners.sort(Comparator.comparing(ForecastAnalysis.OwnerActions::restorable).reversed()
                .thenComparing(ForecastAnalysis.OwnerActions::owner));
        List<ForecastAnalysis.Action> actions = top.stream().map(d -> new ForecastAnalysis.Action(d.owner(),
                d.dealId(), d.dealName(), d.claimedStage(), d.evidencedStage(), d.missingItems(), d.gap(),
                sentence(d.missingItems(), d.dealId(), d.gap()))).toList();
        return new ForecastAnalysis.Actions(deals, restorable, owners, actions);
    }

    /** "tick pricing approved and ROI approved on D-2026217 to restore 141,600.00". */
    public static String sentence(List<String> items, String dealId, BigDecimal restore) {
        // "Meeting scheduled" reads as "meeting scheduled"; "ROI analysed" keeps its capitals
        List<String> lower = items.stream().map(i -> i.length() < 2 || !Character.isLowerCase(i.charAt(1)) ? i
                : Character.toLowerCase(i.charAt(0)) + i.substring(1)).toList();
        String list = lower.size() <= 1 ? String.join("", lower)
                : String.join(", ", lower.subList(0, lower.size() - 1)) + " and " + lower.get(lower.size() - 1);
        return "tick " + list + " on " + dealId + " to restore " + String.format(java.util.Locale.US, "%,.2f", restore);
    }

    private Watchlists.UnevidencedDeal unevidenced(long runId, Candidate c, Playbook playbook) {
        List<String> missing = new ArrayList<>();
        jdbc.query("SELECT stage, item FROM deal_finding WHERE run_id = ? AND file_name = ? AND line_no = ? "
                + "AND code = 'STAGE_NOT_EVIDENCED' ORDER BY seq", rs -> {
                    missing.add(label(playbook, rs.getString(1), rs.getString(2)));
                }, runId, c.file(), c.line());
        return new Watchlists.UnevidencedDeal(c.dealId(), c.dealName(), c.owner(), c.claimed(), c.evidenced(),
                c.weighted(), c.adjusted(), c.gap(), missing);
    }

    private List<Watchlists.MissingItem> missingItems(long runId, Playbook playbook, int limit, String team) {
        List<Watchlists.MissingItem> items = new ArrayList<>();
        String sql = team == null
                ? "SELECT stage, item, COUNT(*) FROM deal_finding WHERE run_id = ? AND code = 'STAGE_NOT_EVIDENCED' "
                        + "GROUP BY stage, item ORDER BY 3 DESC, 1, 2"
                : "SELECT f.stage, f.item, COUNT(*) FROM deal_finding f JOIN deal_snapshot d ON d.run_id = f.run_id "
                        + "AND d.file_name = f.file_name AND d.line_no = f.line_no WHERE f.run_id = ? "
                        + "AND f.code = 'STAGE_NOT_EVIDENCED' AND d.team = ? GROUP BY f.stage, f.item "
                        + "ORDER BY 3 DESC, 1, 2";
        jdbc.query(sql, rs -> {
                    if (items.size() < limit) {
                        items.add(new Watchlists.MissingItem(rs.getString(1), rs.getString(2),
                                label(playbook, rs.getString(1), rs.getString(2)), rs.getLong(3)));
                    }
                }, team == null ? new Object[] {runId} : new Object[] {runId, team});
        return items;
    }

    /** An item's label from the playbook ("Meeting scheduled"), or its id when the playbook does not know it. */
    static String label(Playbook playbook, String stageId, String itemId) {
        for (Stage stage : playbook.stages()) {
            if (stage.id().equals(stageId)) {
                for (ChecklistItem item : stage.checklist()) {
                    if (item.id().equals(itemId)) {
                        return item.label();
                    }
                }
            }
        }
        return itemId;
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
