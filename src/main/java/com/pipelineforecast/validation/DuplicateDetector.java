package com.pipelineforecast.validation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.history.DealFindingRepository;
import com.pipelineforecast.history.DealFindingRepository.DealFinding;
import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.history.ExternalSort;
import com.pipelineforecast.history.RecordCodec;
import com.pipelineforecast.history.RevisedDealRepository;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.RunDeals.KeyedRow;
import com.pipelineforecast.history.ForecastRunRepository;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * The {@code duplicate_checked} check, over tonight's deal records and state files after ingest: a deal is a
 * duplicate when another deal id has the same account and deal name (normalised) in this run, or in the previous
 * published run under an id that is no longer exported (a deal deleted and entered again).
 * Each duplicate gets a DUPLICATE_DEAL finding; where the playbook has the {@code duplicate_checked} item, an
 * open deal claiming a later stage is evidenced no further than that item's stage. The same deal id on several
 * rows is a DUPLICATE_DEAL_ID finding on each. Pairs are sorted on disk by deal, so memory holds a run of them
 * and one deal id's rows, whatever the night's shape. Can be repeated: a restart first removes what an earlier
 * attempt wrote.
 */
@Component
public class DuplicateDetector {

    static final String ITEM = "duplicate_checked";
    static final int FIRST_SEQ = RevisedDealRepository.FIRST_ADDED_SEQ;
    private static final int REPEATED_ID_SEQ = 2000;
    private static final int BATCH = 1000;
    private static final int PAIRS_IN_MEMORY = 100_000;
    private static final int OTHER_ROWS_NAMED = 10;

    private final DealFindingRepository findings;
    private final RevisedDealRepository revised;
    private final ForecastRunRepository runs;
    /** Tonight's deals as ingest recorded them, and each night's in id order. */
    private final RunDeals deals;
    private final DealStates states;
    /**
     * Every write commits a batch at a time: a transaction holds the rows it changes in the heap, and a
     * duplicate-heavy million would change a million. A restart first takes back what an earlier attempt
     * committed ({@link #undoEarlierAttempt}).
     */
    private final TransactionTemplate batch;

    public DuplicateDetector(DealFindingRepository findings, RevisedDealRepository revised, ForecastRunRepository runs,
            PlatformTransactionManager transactions, RunDeals deals, DealStates states) {
        this.findings = findings;
        this.revised = revised;
        this.runs = runs;
        this.deals = deals;
        this.states = states;
        this.batch = new TransactionTemplate(transactions);
        this.batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Finds and records the duplicates of a run (its state file built, {@link DealStates#build}); returns how many
     * deals are duplicates.
     *
     * @param previousRunId the run tonight is compared with (null: none)
     * @param earlierAttempt whether an earlier attempt may have committed part of its work for this run
     */
    public long detect(long runId, Long previousRunId, Playbook playbook, DealWeigher weigher, boolean earlierAttempt) {
        return detect(runId, previousRunId, null, playbook, weigher, earlierAttempt);
    }

    /**
     * Builds tonight's state file first ({@link DealStates#build}, when {@code runDate} is given), gathering what
     * the check needs of the night in the same pass.
     */
    public long detect(long runId, Long previousRunId, java.time.LocalDate runDate, Playbook playbook,
            DealWeigher weigher, boolean earlierAttempt) {
        Tonight tonight = new Tonight();
        Map<String, SmallestTwo> reentered = new HashMap<>();
        boolean gathered = runDate != null && states.build(runId, previousRunId, runDate,
                deal -> tonight.add(deal.dealId(), deal.duplicateKey()), gone -> tonight.reentered(gone, reentered));
        deals.forgetRevisions(runId);
        if (earlierAttempt) {
            undoEarlierAttempt(runId);
        }
        if (!gathered) {
            deals.forEachIngested(runId, deal -> tonight.add(deal.dealId(), deal.duplicateKey()));
        }
        long duplicates;
        try (ExternalSort<Pair> pairs = new ExternalSort<>(deals.sortFolder(runId), "duplicate-pairs",
                PAIRS_IN_MEMORY, BY_DEAL, PAIR)) {
            if (tonight.repeatedKeys.size() > 0) {
                deals.forEachGroupOfKey(runId, key -> tonight.repeatedKeys.contains(LongHashSet.hash(key)),
                        rows -> sameKeyInRun(runId, rows, pairs));
            }
            if (previousRunId != null) {
                if (!gathered) {
                    reenteredSincePrevious(runId, previousRunId, tonight, reentered);
                }
                pairReentered(runId, previousRunId, reentered, pairs);
            }
            Updates updates = new Updates(runId, playbook, stageOf(playbook).orElse(null), weigher);
            Iterator<Pair> sorted = pairs.sorted();
            while (sorted.hasNext()) {
                updates.add(sorted.next());
            }
            updates.flush();
            duplicates = updates.deals;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sort the duplicate pairs of run " + runId, e);
        }
        if (tonight.idRepeated) {
            flagRepeatedIds(runId);
        }
        return duplicates;
    }

    /** Removes what an earlier attempt of this step committed: its findings and lowered evidence. */
    private void undoEarlierAttempt(long runId) {
        List<Object[]> rows = new ArrayList<>();
        Runnable delete = () -> {
            List<Object[]> these = List.copyOf(rows);
            batch.executeWithoutResult(status -> findings.deleteFindingsFrom(runId, FIRST_SEQ, these));
            rows.clear();
        };
        findings.forEachRowWithFindingsFrom(runId, FIRST_SEQ, (file, line) -> {
            rows.add(new Object[] {file, line});
            if (rows.size() >= BATCH) {
                delete.run();
            }
        });
        if (!rows.isEmpty()) {
            delete.run();
        }
        batch.executeWithoutResult(status -> revised.deleteRun(runId));
    }

    /**
     * Tonight's keys and ids as 64-bit hashes, gathered in one sequential pass. Hashes only select candidates;
     * every candidate is checked on its exact values (a collision could at worst hide a candidate, with a chance
     * of the order of n² / 2⁶⁴).
     */
    private static final class Tonight {
        final LongHashSet keys = new LongHashSet();
        final LongHashSet keyIds = new LongHashSet();
        final LongHashSet ids = new LongHashSet();
        /** Keys seen with more than one deal id (hashes: a candidate's rows are then read by its exact key). */
        final LongHashSet repeatedKeys = new LongHashSet();
        /** Whether a deal id's hash came twice: then the state file is walked for the exact repeated ids. */
        boolean idRepeated;

        void add(String dealId, String key) {
            if (!ids.add(LongHashSet.hash(dealId))) {
                idRepeated = true;
            }
            if (key != null) {
                long keyHash = LongHashSet.hash(key);
                boolean newKey = keys.add(keyHash);
                boolean newPair = keyIds.add(LongHashSet.pair(keyHash, LongHashSet.hash(dealId)));
                if (!newKey && newPair) {
                    repeatedKeys.add(keyHash);
                }
            }
        }

        /**
         * A state of the previous run whose deal id tonight lacks: a candidate when its key is exported tonight
         * (under another id: tonight's key and id pairs are all gathered before the merge that hands it over).
         */
        void reentered(DealStates.State old, Map<String, SmallestTwo> candidates) {
            String key = old.duplicateKey();
            if (key == null) {
                return;
            }
            long keyHash = LongHashSet.hash(key);
            if (keys.contains(keyHash) && !keyIds.contains(LongHashSet.pair(keyHash, LongHashSet.hash(old.id())))) {
                candidates.computeIfAbsent(key, k -> new SmallestTwo()).offer(old.id());
            }
        }
    }

    /** A duplicate (one of tonight's deals) and the deal id it duplicates, in this run or an earlier one. */
    private record Pair(KeyedRow deal, long otherRunId, String otherDealId) {
    }

    /** By deal (file and line), then this run's pair before an earlier run's. */
    private static final Comparator<Pair> BY_DEAL = Comparator.comparing((Pair p) -> p.deal().file())
            .thenComparingInt(p -> p.deal().line()).thenComparing(Pair::otherRunId, Comparator.reverseOrder());

    private static final ExternalSort.Codec<Pair> PAIR = new ExternalSort.Codec<>() {
        @Override
        public void write(DataOutputStream out, Pair pair) throws IOException {
            RunDeals.KEYED_ROW.write(out, pair.deal());
            out.writeLong(pair.otherRunId());
            RecordCodec.writeText(out, pair.otherDealId());
        }

        @Override
        public Pair read(DataInputStream in) throws IOException {
            return new Pair(RunDeals.KEYED_ROW.read(in), in.readLong(), RecordCodec.readText(in));
        }
    };

    /** Each deal of a key shared by several deal ids is paired with the smallest other id. */
    private static void sameKeyInRun(long runId, List<KeyedRow> rows, ExternalSort<Pair> pairs) {
        String smallest = null;
        String second = null;
        for (KeyedRow row : rows) {
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
        for (KeyedRow row : rows) {
            pairs.add(new Pair(row, runId, row.dealId().equals(smallest) ? second : smallest));
        }
    }

    /**
     * Deals of the previous run whose key is exported tonight under another id while their own id is gone: a deal
     * deleted and entered again, by key, with the two smallest such ids. Gathered while the state file is built
     * ({@link Tonight#reentered}); without that pass (its files were there already) both nights' state files are
     * read in id order side by side, so "gone" is checked on the exact id either way.
     */
    private void reenteredSincePrevious(long runId, long previous, Tonight tonight,
            Map<String, SmallestTwo> candidates) {
        if (!states.available(previous)) {
            return;
        }
        try (DealStates.Reader before = states.read(previous, null);
                DealStates.Reader now = states.read(runId, null)) {
            DealStates.State current = now.next();
            for (DealStates.State old = before.next(); old != null; old = before.next()) {
                while (current != null && current.id().compareTo(old.id()) < 0) {
                    current = now.next();
                }
                if (current == null || !current.id().equals(old.id())) {
                    tonight.reentered(old, candidates);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deal states of runs " + previous + " and " + runId, e);
        }
    }

    /** Each of tonight's rows of a re-entered key is paired with the smallest such id that is not its own. */
    private void pairReentered(long runId, long previous, Map<String, SmallestTwo> candidates,
            ExternalSort<Pair> pairs) {
        if (candidates.isEmpty()) {
            return;
        }
        deals.forEachIngested(runId, deal -> {
            SmallestTwo ids = deal.duplicateKey() == null ? null : candidates.get(deal.duplicateKey());
            String oldId = ids == null ? null : ids.smallestBut(deal.dealId());
            if (oldId != null) {
                pairs.add(new Pair(KeyedRow.of(deal), previous, oldId));
            }
        });
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

    /**
     * The same deal id on more than one row (in one file or several) is a finding on each: both rows stay. A row
     * names up to {@value #OTHER_ROWS_NAMED} of the others and counts the rest. Tonight's state file holds a deal
     * id's rows together, in file and line order; only the first rows of an id are held, with its row count.
     */
    private void flagRepeatedIds(long runId) {
        List<DealFinding> batchOf = new ArrayList<>();
        try (DealStates.Reader reader = states.read(runId, null);
                DealStates.Reader rows = states.read(runId, null)) {
            DealStates.State row = rows.next();
            DealStates.State first = reader.next();
            while (first != null) {
                // count the id's rows, keeping the first ones to name
                String id = first.id();
                List<DealStates.State> named = new ArrayList<>();
                long count = 0;
                DealStates.State next = first;
                while (next != null && next.id().equals(id)) {
                    if (named.size() <= OTHER_ROWS_NAMED) {
                        named.add(next);
                    }
                    count++;
                    next = reader.next();
                }
                // the second reader walks the same rows again, each now flagged
                for (long i = 0; i < count; i++) {
                    if (count > 1) {
                        flag(runId, row, named, count, batchOf);
                    }
                    row = rows.next();
                }
                first = next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deal states of run " + runId, e);
        }
        insert(batchOf);
    }

    private void flag(long runId, DealStates.State row, List<DealStates.State> named, long count,
            List<DealFinding> out) {
        int seq = REPEATED_ID_SEQ;
        int listed = 0;
        for (DealStates.State other : named) {
            if (other.file().equals(row.file()) && other.line() == row.line()) {
                continue;
            }
            if (listed++ == OTHER_ROWS_NAMED) {
                break;
            }
            out.add(repeatedId(runId, row, seq++, "deal id also on " + other.file() + " line " + other.line()
                    + ": both rows are counted"));
        }
        if (count - 1 > OTHER_ROWS_NAMED) {
            out.add(repeatedId(runId, row, seq, "deal id also on " + (count - 1 - OTHER_ROWS_NAMED)
                    + " more rows: all are counted"));
        }
        if (out.size() >= BATCH) {
            insert(out);
        }
    }

    private static DealFinding repeatedId(long runId, DealStates.State row, int seq, String message) {
        return new DealFinding(runId, row.file(), row.line(), seq, row.id(),
                new Finding(FindingCode.DUPLICATE_DEAL_ID, row.stage(), null, message));
    }

    private void insert(List<DealFinding> out) {
        if (out.isEmpty()) {
            return;
        }
        List<DealFinding> these = List.copyOf(out);
        batch.executeWithoutResult(status -> findings.addDealFindings(these));
        out.clear();
    }

    private static Optional<Stage> stageOf(Playbook playbook) {
        return playbook.stages().stream()
                .filter(stage -> stage.checklist().stream().map(ChecklistItem::id).anyMatch(ITEM::equals))
                .findFirst();
    }

    /** Findings and lowered evidence, written in batches while the pairs stream by in deal order. */
    private final class Updates {
        private final long runId;
        private final Playbook playbook;
        private final Stage checkStage;
        private final DealWeigher weigher;
        private final List<DealFinding> added = new ArrayList<>();
        private final List<RevisedDealRepository.Lowered> lowered = new ArrayList<>();
        private final Map<Long, String> runDates = new HashMap<>();
        private KeyedRow lastDeal;
        private int seq;
        private long deals;

        Updates(long runId, Playbook playbook, Stage checkStage, DealWeigher weigher) {
            this.weigher = weigher;
            this.runId = runId;
            this.playbook = playbook;
            this.checkStage = checkStage;
        }

        void add(Pair pair) {
            KeyedRow deal = pair.deal();
            String where = pair.otherRunId() == runId ? "in this run" : "in the run of "
                    + runDates.computeIfAbsent(pair.otherRunId(), id -> runs.runDate(id).toString());
            boolean firstForDeal = lastDeal == null || !lastDeal.file().equals(deal.file())
                    || lastDeal.line() != deal.line();
            if (firstForDeal) {
                lastDeal = deal;
                seq = FIRST_SEQ;
                deals++;
            }
            Stage claimed = playbook.stage(deal.claimedStage());
            added.add(new DealFinding(runId, deal.file(), deal.line(), seq++, deal.dealId(), new Finding(
                    FindingCode.DUPLICATE_DEAL, claimed.id(), null, "same account and deal name as deal "
                            + pair.otherDealId() + " " + where)));
            // where the export carries no checklist that could lower the deal, the item is not assessed: the
            // DUPLICATE_DEAL finding stands, the evidenced stage stays
            if (firstForDeal && checkStage != null && deal.claimedOrder() > checkStage.order() && claimed.isOpen()
                    && deal.checklistAssessed()) {
                ChecklistItem item = checkStage.checklist().stream().filter(i -> i.id().equals(ITEM)).findFirst()
                        .orElseThrow();
                added.add(new DealFinding(runId, deal.file(), deal.line(), seq++, deal.dealId(), new Finding(
                        FindingCode.STAGE_NOT_EVIDENCED, checkStage.id(), ITEM, "claims " + claimed.id()
                                + " but '" + item.label() + "' of " + checkStage.id() + " is not done")));
                if (deal.open() && deal.evidencedOrder() > checkStage.order()) {
                    BigDecimal weighted = weigher.weight(deal.amountReporting(), checkStage);
                    lowered.add(new RevisedDealRepository.Lowered(runId, deal.file(), deal.line(), checkStage.id(),
                            checkStage.order(), weigher.probability(checkStage), weighted));
                }
            }
            if (added.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            List<DealFinding> findingsNow = List.copyOf(added);
            List<RevisedDealRepository.Lowered> loweredNow = List.copyOf(lowered);
            batch.executeWithoutResult(status -> {
                if (!findingsNow.isEmpty()) {
                    findings.addDealFindings(findingsNow);
                }
                if (!loweredNow.isEmpty()) {
                    revised.lower(loweredNow);
                }
            });
            added.clear();
            lowered.clear();
        }
    }
}
