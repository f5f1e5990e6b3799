package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.pipelineforecast.domain.Severity;
import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.playbook.ChecklistItem;
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
    private static final int OTHER_ROWS_NAMED = 10;

    private static final String COUNT_ROWS_OF_DEAL = """
            SELECT COUNT(*) FROM deal_snapshot WHERE run_id = ? AND deal_id = ?
            """;
    private static final String FIND_ROWS_OF_DEAL = """
            SELECT file_name, line_no, claimed_stage FROM deal_snapshot WHERE run_id = ? AND deal_id = ?
            """;
    private static final String FIND_DUPLICATES = """
            SELECT d.file_name, d.line_no, s.deal_id, d.other_deal_id, d.other_run_id, r.run_date,
                   s.claimed_order, s.evidenced_order, s.is_open, s.amount_reporting, s.claimed_stage,
                   s.checklist_assessed FROM deal_duplicate d JOIN deal_snapshot s ON s.run_id = d.run_id
                   AND s.file_name = d.file_name AND s.line_no = d.line_no
            JOIN forecast_run r ON r.run_id = d.other_run_id WHERE d.run_id = ?
            ORDER BY d.file_name, d.line_no, d.other_run_id DESC
            """;
    private static final String CREATE_DUPLICATE = """
            INSERT INTO deal_duplicate (run_id, file_name, line_no, other_run_id, other_deal_id) VALUES (?,?,?,?,?)
            """;
    private static final String DELETE_DUPLICATES = """
            DELETE FROM deal_duplicate WHERE run_id = ?
            """;
    private static final String CREATE_REVISED = """
            INSERT INTO revised_deal (run_id, file_name, line_no) VALUES (?,?,?)
            """;
    private static final String COUNT_REVISED = """
            SELECT COUNT(*) FROM revised_deal WHERE run_id = ? AND file_name = ? AND line_no = ?
            """;
    private static final String DELETE_REVISED = """
            DELETE FROM revised_deal WHERE run_id = ?
            """;
    private static final String COUNT_LATER_FINDINGS_BY_ROW = """
            SELECT file_name, line_no, COUNT(*) FROM deal_finding WHERE run_id = ? AND seq >= ?
            GROUP BY file_name, line_no
            """;
    private static final String DELETE_LATER_FINDINGS_OF_ROW = """
            DELETE FROM deal_finding WHERE run_id = ? AND file_name = ? AND line_no = ? AND seq >= %d
            """.formatted(FIRST_SEQ);
    private static final String CREATE_FINDING = """
            INSERT INTO deal_finding (run_id, file_name, line_no, seq, deal_id, code, severity, stage, item, message)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """;
    private static final String ADD_FINDING_COUNT = """
            UPDATE deal_snapshot SET finding_count = finding_count + ?
            WHERE run_id = ? AND file_name = ? AND line_no = ?
            """;
    private static final String SUBTRACT_FINDING_COUNT = """
            UPDATE deal_snapshot SET finding_count = finding_count - ?
            WHERE run_id = ? AND file_name = ? AND line_no = ?
            """;
    private static final String INCREMENT_FINDING_COUNT = """
            UPDATE deal_snapshot SET finding_count = finding_count + 1
            WHERE run_id = ? AND file_name = ? AND line_no = ?
            """;
    private static final String LOWER_EVIDENCED_STAGE = """
            UPDATE deal_snapshot SET evidenced_stage = ?, evidenced_order = ?, evidenced_probability = ?,
                weighted_adjusted = ?
            WHERE run_id = ? AND file_name = ? AND line_no = ?
            """;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final RunHistory history;
    /** Tonight's deals as ingest recorded them, and the previous night's in id order where it has its file. */
    private final RunDeals deals;
    private final DealStates states;
    /**
     * Every write commits a batch at a time: a transaction holds the rows it changes in the heap, and a
     * duplicate-heavy million would change a million. Each batch keeps counts and rows consistent, so a restart
     * first takes back what an earlier attempt committed ({@link #undoEarlierAttempt}).
     */
    private final TransactionTemplate batch;

    public DuplicateDetector(JdbcTemplate jdbc, RunHistory history, PlatformTransactionManager transactions,
            RunDeals deals, DealStates states) {
        this.deals = deals;
        this.states = states;
        this.batch = new TransactionTemplate(transactions);
        this.batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.history = history;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(BATCH);
    }

    /** Finds and records the duplicates of a run; returns how many deals are duplicates. */
    /**
     * @param previousRunId the run tonight is compared with (null: none)
     * @param earlierAttempt whether an earlier attempt may have committed part of its work for this run
     */
    public long detect(long runId, Long previousRunId, Playbook playbook, DealWeigher weigher, boolean earlierAttempt) {
        deals.forgetRevisions(runId);
        if (earlierAttempt) {
            undoEarlierAttempt(runId);
        }
        Tonight tonight = new Tonight();
        Revised revised = new Revised();
        deals.forEachIngested(runId, deal -> tonight.add(deal.dealId(), deal.duplicateKey()));
        Pairs pairs = new Pairs();
        deals.forEachGroupOfKey(runId, key -> tonight.repeatedKeys.contains(LongHashSet.hash(key)),
                rows -> sameKeyInRun(runId, rows.stream().map(r -> new Row(r.file(), r.line(), r.dealId())).toList(),
                        pairs));
        if (previousRunId != null) {
            reenteredSincePrevious(runId, previousRunId, tonight, pairs);
        }
        pairs.flush();
        Optional<Stage> checkStage = stageOf(playbook);
        Updates updates = new Updates(runId, playbook, checkStage.orElse(null), weigher, revised);
        streaming.query(FIND_DUPLICATES, updates::add, runId);
        updates.flush();
        flagRepeatedIds(runId, tonight.repeatedIds, revised);
        return updates.deals;
    }

    /**
     * Removes what an earlier attempt of this step committed: its pairs, and per deal its findings together with
     * the count they added (one transaction per batch of deals, so the two never disagree).
     */
    private void undoEarlierAttempt(long runId) {
        List<Object[]> earlier = new ArrayList<>();
        Runnable undo = () -> batch.executeWithoutResult(status -> {
            jdbc.batchUpdate(SUBTRACT_FINDING_COUNT, earlier);
            jdbc.batchUpdate(DELETE_LATER_FINDINGS_OF_ROW,
                    earlier.stream().map(e -> new Object[] {e[1], e[2], e[3]}).toList());
            earlier.clear();
        });
        streaming.query(COUNT_LATER_FINDINGS_BY_ROW, (RowCallbackHandler) rs -> {
                    earlier.add(new Object[] {rs.getInt(3), runId, rs.getString(1), rs.getInt(2)});
                    if (earlier.size() >= BATCH) {
                        undo.run();
                    }
                }, runId, FIRST_SEQ);
        if (!earlier.isEmpty()) {
            undo.run();
        }
        batch.executeWithoutResult(status -> {
            jdbc.update(DELETE_DUPLICATES, runId);
            jdbc.update(DELETE_REVISED, runId);
        });
    }

    /**
     * Records the deals a batch revises, each once ({@code revised_deal}), in the batch's transaction: the reports
     * read these deals' revised columns from the snapshot. Only hashes of the deals recorded are held; a repeated
     * hash is checked against the table.
     */
    private final class Revised {
        private final LongHashSet recorded = new LongHashSet();

        /** @param rows each deal's run id, file and line */
        void record(List<Object[]> rows) {
            java.util.Set<String> inBatch = new java.util.HashSet<>();
            List<Object[]> added = new ArrayList<>();
            for (Object[] row : rows) {
                String key = row[1] + "\u0000" + row[2];
                if (!inBatch.add(key)) {
                    continue;
                }
                if (!recorded.add(LongHashSet.hash(key)) && jdbc.queryForObject(COUNT_REVISED, Integer.class,
                        row) > 0) {
                    continue;
                }
                added.add(row);
            }
            if (!added.isEmpty()) {
                jdbc.batchUpdate(CREATE_REVISED, added);
            }
        }
    }

    /**
     * Tonight's keys and ids as 64-bit hashes, gathered in one sequential pass, and the few exact values that
     * repeat. The snapshot is read in its stored order: walking an index on the key instead reads the table in
     * random order, which is what makes a self-join slow on a million deals. Hashes only select candidates; every
     * candidate is checked on its exact values (a collision could at worst hide a candidate, with a chance of the
     * order of n² / 2⁶⁴).
     */
    private static final class Tonight {
        final LongHashSet keys = new LongHashSet();
        final LongHashSet keyIds = new LongHashSet();
        final LongHashSet ids = new LongHashSet();
        /** Keys seen with more than one deal id (hashes: a candidate's rows are then read by its exact key). */
        final LongHashSet repeatedKeys = new LongHashSet();
        /** Deal ids seen on more than one row (hashes, as the keys). */
        final LongHashSet repeatedIds = new LongHashSet();

        void add(String dealId, String key) {
            long id = LongHashSet.hash(dealId);
            if (!ids.add(id)) {
                repeatedIds.add(id);
            }
            if (key != null) {
                long keyHash = LongHashSet.hash(key);
                boolean newKey = keys.add(keyHash);
                boolean newPair = keyIds.add(LongHashSet.pair(keyHash, id));
                if (!newKey && newPair) {
                    repeatedKeys.add(keyHash);
                }
            }
        }
    }

    /**
     * Calls {@code action} once for each exact deal id whose hash is among {@code repeated}, in the records' order:
     * only hashes are held, however many ids repeat.
     */
    private void forEachRepeatedId(long runId, LongHashSet repeated, java.util.function.Consumer<String> action) {
        if (repeated.size() == 0) {
            return;
        }
        LongHashSet done = new LongHashSet();
        deals.forEachIngested(runId, deal -> {
            long hash = LongHashSet.hash(deal.dealId());
            if (repeated.contains(hash) && done.add(hash)) {
                action.accept(deal.dealId());
            }
        });
    }

    /** Pairs of a duplicate and the deal it duplicates, inserted a batch at a time. */
    private final class Pairs {
        private final List<Object[]> rows = new ArrayList<>();

        void add(Object[] pair) {
            rows.add(pair);
            if (rows.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!rows.isEmpty()) {
                DuplicateDetector.this.batch.executeWithoutResult(status -> jdbc.batchUpdate(CREATE_DUPLICATE, rows));
                rows.clear();
            }
        }
    }

    private record Row(String file, int line, String dealId) {
    }

    /** Each deal of a key shared by several deal ids is paired with the smallest other id. */
    private void sameKeyInRun(long runId, List<Row> rows, Pairs pairs) {
        String smallest = null;
        String second = null;
        for (Row row : rows) {
            if (smallest == null || row.dealId().compareTo(smallest) < 0) {
                if (smallest != null && !smallest.equals(row.dealId())) {
                    second = smallest;
                }
                smallest = row.dealId();
            } else if (!row.dealId().equals(smallest) && (second == null || row.dealId().compareTo(second) < 0)) {
                second = row.dealId();
            }
        }
        if (second == null) {
            return;
        }
        for (Row row : rows) {
            pairs.add(new Object[] {runId, row.file(), row.line(), runId,
                row.dealId().equals(smallest) ? second : smallest});
        }
    }

    /**
     * Deals of the previous run whose key is exported tonight under another id while their own id is gone: a deal
     * deleted and entered again. Each of tonight's deals is paired with the smallest such id.
     */
    private void reenteredSincePrevious(long runId, long previous, Tonight tonight, Pairs pairs) {
        Map<Row, String> smallest = new TreeMap<>(Comparator.comparing(Row::file).thenComparingInt(Row::line));
        Map<String, SmallestTwo> candidates = new java.util.HashMap<>();
        forEachKeyedOf(previous, (oldId, key) -> {
            long keyHash = LongHashSet.hash(key);
            long id = LongHashSet.hash(oldId);
            if (!tonight.keys.contains(keyHash) || tonight.keyIds.contains(LongHashSet.pair(keyHash, id))
                    || (tonight.ids.contains(id) && exported(runId, oldId))) {
                return;
            }
            candidates.computeIfAbsent(key, k -> new SmallestTwo()).offer(oldId);
        });
        if (candidates.isEmpty()) {
            return;
        }
        // tonight's rows of those keys, each paired with the smallest such id that is not its own
        deals.forEachIngested(runId, deal -> {
            SmallestTwo ids = deal.duplicateKey() == null ? null : candidates.get(deal.duplicateKey());
            String oldId = ids == null ? null : ids.smallestBut(deal.dealId());
            if (oldId != null) {
                smallest.put(new Row(deal.file(), deal.line(), deal.dealId()), oldId);
            }
        });
        smallest.forEach((row, oldId) -> pairs.add(new Object[] {runId, row.file(), row.line(), previous, oldId}));
    }

    /** The deal id and key of each keyed deal of a past run, from its state file. */
    private void forEachKeyedOf(long runId, java.util.function.BiConsumer<String, String> action) {
        if (!states.available(runId)) {
            return;
        }
        try (DealStates.Reader reader = states.read(runId, null)) {
            for (DealStates.State state = reader.next(); state != null; state = reader.next()) {
                if (state.duplicateKey() != null) {
                    action.accept(state.id(), state.duplicateKey());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the deals of run " + runId, e);
        }
    }

    /** The two smallest distinct deal ids offered. */
    private static final class SmallestTwo {
        private String smallest;
        private String second;

        void offer(String id) {
            if (smallest == null || id.compareTo(smallest) < 0) {
                if (smallest != null) {
                    second = smallest;
                }
                smallest = id;
            } else if (!id.equals(smallest) && (second == null || id.compareTo(second) < 0)) {
                second = id;
            }
        }

        /** The smallest id that is not {@code id}, or null. */
        String smallestBut(String id) {
            return smallest.equals(id) ? second : smallest;
        }
    }

    private boolean exported(long runId, String dealId) {
        Integer rows = jdbc.queryForObject(COUNT_ROWS_OF_DEAL,
                Integer.class, runId, dealId);
        return rows != null && rows > 0;
    }

    /**
     * The same deal id on more than one row (in one file or several) is a finding on each: both rows stay. A row
     * names up to {@value #OTHER_ROWS_NAMED} of the others and counts the rest.
     */
    private void flagRepeatedIds(long runId, LongHashSet repeatedIds, Revised revised) {
        List<Object[]> findings = new ArrayList<>();
        forEachRepeatedId(runId, repeatedIds, dealId -> {
            List<Object[]> rows = jdbc.query(FIND_ROWS_OF_DEAL, (rs, n) -> new Object[] {rs.getString(1), rs.getInt(2),
                        rs.getString(3)}, runId, dealId);
            rows.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (Integer) r[1]));
            for (Object[] row : rows) {
                int seq = REPEATED_ID_SEQ;
                int named = 0;
                for (Object[] other : rows) {
                    if (other == row) {
                        continue;
                    }
                    if (named++ == OTHER_ROWS_NAMED) {
                        findings.add(finding(runId, row, seq++, dealId, "deal id also on " + (rows.size() - 1
                                - OTHER_ROWS_NAMED) + " more rows: all are counted"));
                        break;
                    }
                    findings.add(finding(runId, row, seq++, dealId, "deal id also on " + other[0] + " line "
                            + other[1] + ": both rows are counted"));
                }
                if (findings.size() >= BATCH) {
                    insertFindings(findings, revised);
                }
            }
        });
        insertFindings(findings, revised);
    }

    private static Object[] finding(long runId, Object[] row, int seq, String dealId, String message) {
        return new Object[] {runId, row[0], row[1], seq, dealId, "DUPLICATE_DEAL_ID", Severity.WARNING.name(), row[2],
            null, message};
    }

    private void insertFindings(List<Object[]> findings, Revised revised) {
        if (findings.isEmpty()) {
            return;
        }
        List<Object[]> counts = findings.stream().map(f -> new Object[] {f[0], f[1], f[2]}).toList();
        batch.executeWithoutResult(status -> {
            jdbc.batchUpdate(CREATE_FINDING, findings);
            jdbc.batchUpdate(INCREMENT_FINDING_COUNT, counts);
            revised.record(counts);
        });
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
        private final Revised revised;
        private final List<Object[]> findings = new ArrayList<>();
        private final List<Object[]> lowered = new ArrayList<>();
        private final List<Object[]> counts = new ArrayList<>();
        private String lastDeal;
        private int seq;
        private long deals;

        Updates(long runId, Playbook playbook, Stage checkStage, DealWeigher weigher, Revised revised) {
            this.weigher = weigher;
            this.revised = revised;
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
            // where the export carries no checklist that could lower the deal, the item is not assessed: the
            // DUPLICATE_DEAL finding stands, the evidenced stage stays (a column of an earlier version is null)
            boolean assessed = rs.getBoolean("checklist_assessed") || rs.wasNull();
            if (firstForDeal && checkStage != null && rs.getInt("claimed_order") > checkStage.order()
                    && claimed.isOpen() && assessed) {
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
            batch.executeWithoutResult(status -> {
                if (!findings.isEmpty()) {
                    jdbc.batchUpdate(CREATE_FINDING, findings);
                }
                if (!lowered.isEmpty()) {
                    jdbc.batchUpdate(LOWER_EVIDENCED_STAGE, lowered);
                }
                if (!counts.isEmpty()) {
                    jdbc.batchUpdate(ADD_FINDING_COUNT, counts);
                    revised.record(counts.stream().map(c -> new Object[] {c[1], c[2], c[3]}).toList());
                }
            });
            findings.clear();
            lowered.clear();
            counts.clear();
        }
    }
}
