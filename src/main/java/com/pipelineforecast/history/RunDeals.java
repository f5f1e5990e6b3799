package com.pipelineforecast.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.history.DealFindingRepository.FindingLine;
import com.pipelineforecast.history.DealFindingRepository.MissingItem;
import com.pipelineforecast.history.DealRecord.Revision;
import com.pipelineforecast.history.RevisedDealRepository.RevisedFinding;
import com.pipelineforecast.history.DealSnapshotRepository.ActionLine;
import com.pipelineforecast.history.DealSnapshotRepository.DealRow;
import com.pipelineforecast.history.DealSnapshotRepository.OpenDeal;
import com.pipelineforecast.history.DealSnapshotRepository.RollupRow;

/**
 * A run's deals as the reports read them: from the {@link DealRecords} of its work folder, in file and line
 * order, each with what the duplicate check revised on it merged in. A sequential read of a file per export, where
 * reading deal rows back from the database cost several times the time.
 */
@Component
public class RunDeals {

    /** A revision's evidenced order where the duplicate check lowered nothing. */
    private static final int NOT_LOWERED = Integer.MIN_VALUE;

    private final RevisedDealRepository revised;
    private final Path database;
    /** Tallies per run and team ({@link #tally}); a run's are forgotten with its revisions. */
    private final Map<String, Tally> tallies = new java.util.concurrent.ConcurrentHashMap<>();

    public RunDeals(RevisedDealRepository revised, @Value("${pipeline.database:data}") String database) {
        this.revised = revised;
        this.database = Path.of(database);
    }

    /**
     * Streams the run's deals in file and line order, of one team ({@code team} null: of every team), as the
     * duplicate check left them and with what the previous run carried into them ({@link DealStates#build} first).
     */
    public void forEach(long runId, String team, Consumer<DealRecord> action) {
        read(runId, true, deal -> {
            if (team == null || team.equals(deal.team())) {
                action.accept(deal);
            }
        });
    }

    /**
     * Streams the run's deals as ingest recorded them (before the duplicate check, nothing carried: the stage
     * date is the exported one), in file and line order.
     */
    public void forEachIngested(long runId, Consumer<DealRecord> action) {
        read(runId, false, action);
    }

    /** Every export's records in turn, with the duplicate check's revisions merged in when {@code revised}. */
    private void read(long runId, boolean revised, Consumer<DealRecord> action) {
        List<DealRecords.Reader> readers = open(runId);
        try (CarriedFile.Reader carried = revised ? new CarriedFile.Reader(CarriedFile.of(database, runId)) : null) {
            for (DealRecords.Reader reader : readers) {
                if (revised) {
                    readRevised(runId, reader, carried, action);
                } else {
                    for (DealRecord deal = reader.next(); deal != null; deal = reader.next()) {
                        action.accept(deal);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deals of run " + runId, e);
        } finally {
            readers.forEach(RunDeals::close);
        }
    }

    /**
     * A deal's row with its duplicate key and what the duplicate check weighs: its claimed stage and order, its
     * evidenced order, whether it is open, its amount in the reporting currency, whether its checklist was assessed.
     */
    public record KeyedRow(String key, String file, int line, String dealId, String claimedStage, int claimedOrder,
            int evidencedOrder, boolean open, java.math.BigDecimal amountReporting, boolean checklistAssessed) {

        public static KeyedRow of(DealRecord deal) {
            return new KeyedRow(deal.duplicateKey(), deal.file(), deal.line(), deal.dealId(), deal.claimedStage(),
                    deal.claimedOrder(), deal.evidencedOrder(), deal.open(), deal.amountReporting(),
                    deal.checklistAssessed());
        }
    }

    /** The folder a run's passes sort in (its work folder). */
    public Path sortFolder(long runId) {
        return ExportRows.runFolder(database, runId);
    }

    /**
     * The run's deals (as ingested) whose duplicate key is {@code wanted}, grouped by key: one group at a time,
     * each in file and line order. Sorted on disk in runs, so memory holds one run and one group.
     */
    public void forEachGroupOfKey(long runId, java.util.function.Predicate<String> wanted,
            Consumer<List<KeyedRow>> group) {
        Path folder = ExportRows.runFolder(database, runId);
        try (ExternalSort<KeyedRow> sort = new ExternalSort<>(folder, "keys-" + Thread.currentThread().getId(),
                DealStates.RUN, Comparator.comparing(KeyedRow::key), KEYED_ROW)) {
            forEachIngested(runId, deal -> {
                if (deal.duplicateKey() != null && wanted.test(deal.duplicateKey())) {
                    sort.add(KeyedRow.of(deal));
                }
            });
            List<KeyedRow> rows = new ArrayList<>();
            sort.forEachSorted(row -> {
                if (!rows.isEmpty() && !rows.get(0).key().equals(row.key())) {
                    group.accept(List.copyOf(rows));
                    rows.clear();
                }
                rows.add(row);
            });
            if (!rows.isEmpty()) {
                group.accept(List.copyOf(rows));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot group the deals of run " + runId + " by key", e);
        }
    }

    /** How a {@link KeyedRow} is sorted on disk. */
    public static final ExternalSort.Codec<KeyedRow> KEYED_ROW = new ExternalSort.Codec<>() {
        @Override
        public void write(java.io.DataOutputStream out, KeyedRow row) throws IOException {
            RecordCodec.writeText(out, row.key());
            RecordCodec.writeText(out, row.file());
            out.writeInt(row.line());
            RecordCodec.writeText(out, row.dealId());
            RecordCodec.writeText(out, row.claimedStage());
            out.writeInt(row.claimedOrder());
            out.writeInt(row.evidencedOrder());
            out.writeByte((row.open() ? 1 : 0) | (row.checklistAssessed() ? 2 : 0));
            RecordCodec.writeText(out, row.amountReporting().toPlainString());
        }

        @Override
        public KeyedRow read(java.io.DataInputStream in) throws IOException {
            String key = RecordCodec.readText(in);
            String file = RecordCodec.readText(in);
            int line = in.readInt();
            String dealId = RecordCodec.readText(in);
            String stage = RecordCodec.readText(in);
            int claimed = in.readInt();
            int evidenced = in.readInt();
            int flags = in.readByte();
            java.math.BigDecimal amount = new java.math.BigDecimal(RecordCodec.readText(in));
            return new KeyedRow(key, file, line, dealId, stage, claimed, evidenced, (flags & 1) != 0, amount,
                    (flags & 2) != 0);
        }
    };

    /** Streams the run's deals as a Deals sheet row holds them, in file and line order. */
    public void forEachDeal(long runId, Consumer<DealRow> action) {
        forEach(runId, null, deal -> action.accept(deal.dealRow()));
    }

    /**
     * Streams every deal of the run as the rollup sums it to {@code rollup}, and each open deal that is no lead as
     * the watchlists weigh it to {@code openDeals}, in one read; of one team ({@code team} null: of every team).
     */
    public void forEachRollupRow(long runId, String team, Consumer<RollupRow> rollup, Consumer<OpenDeal> openDeals) {
        forEach(runId, team, deal -> {
            rollup.accept(deal.rollupRow());
            if (deal.openForecast()) {
                openDeals.accept(deal.openDeal());
            }
        });
    }

    /** Streams the findings of the run's deals in file, line and finding order. */
    public void forEachFinding(long runId, Consumer<FindingLine> action) {
        forEach(runId, null, deal -> deal.findingLines(null).forEach(action));
    }

    /** How many findings of each code the deals have, of one team ({@code team} null: of every team). */
    public Map<String, Long> countByCode(long runId, String team) {
        return tally(runId, team).findingCodes();
    }

    /** The teams of a run's deals, in name order (deals without a team aside). */
    public List<String> teams(long runId) {
        return tally(runId, null).teams();
    }

    /** How many deals the run's ingest recorded so far (0 when its work folder is gone). */
    public long countIngested(long runId) {
        if (!Files.isDirectory(ExportRows.runFolder(database, runId))) {
            return 0;
        }
        long[] count = {0};
        forEachIngested(runId, deal -> count[0]++);
        return count[0];
    }

    /**
     * The workbook's one read of the run's deals: each deal goes to {@code deals} as the Deals sheet shows it (in
     * file and line order) while the pass gathers the actions ({@link WorkbookPass#forEachAction}, sorted on disk) and the
     * {@code largestGapDeals} deals with the largest checklist gap; the Actions and Findings sheets are then
     * written from the pass, not from a read of their own. Close it to remove its sort files.
     */
    public WorkbookPass workbookPass(long runId, int largestGapDeals, Consumer<DealRow> deals) {
        WorkbookPass pass = new WorkbookPass(runId, largestGapDeals);
        try {
            forEach(runId, null, deal -> {
                deals.accept(deal.dealRow());
                pass.add(deal);
            });
        } catch (RuntimeException | Error e) {
            pass.close();
            throw e;
        }
        return pass;
    }

    /** What {@link #workbookPass} gathered. */
    public final class WorkbookPass implements AutoCloseable {
        private final long runId;
        private final ExternalSort<ActionDeal> actions;
        private final int largestGapDeals;
        private final PriorityQueue<DealRecord> largest;

        private WorkbookPass(long runId, int largestGapDeals) {
            this.runId = runId;
            this.largestGapDeals = largestGapDeals;
            this.largest = new PriorityQueue<>(LARGEST_GAP_FIRST.reversed());
            this.actions = new ExternalSort<>(sortFolder(runId), "actions-" + Thread.currentThread().getId(),
                    DealStates.RUN, ACTION_ORDER, ACTION_DEAL);
        }

        private void add(DealRecord deal) {
            if (deal.openForecast() && deal.evidencedOrder() < deal.claimedOrder()) {
                actions.add(new ActionDeal(deal.owner(), deal.team(), deal.dealId(), deal.dealName(),
                        deal.claimedStage(), deal.evidencedStage(), deal.weightedReported(), deal.weightedAdjusted(),
                        deal.file(), deal.line(), deal.missingItems()));
            }
            if (largestGapDeals > 0 && deal.findingCount() > 0) {
                largest.add(deal);
                if (largest.size() > largestGapDeals) {
                    largest.poll();
                }
            }
        }

        /**
         * The open deals whose checklist evidences less than they claim, by owner (no owner first) and then by the
         * weighted amount their missing items would restore (largest first), one line per missing item in finding
         * order. Sorted on disk in runs, so memory holds one run whatever the number of such deals.
         */
        public void forEachAction(Consumer<ActionLine> action) {
            try {
                actions.forEachSorted(a -> a.items().forEach(item -> action.accept(new ActionLine(a.owner(),
                        a.team(), a.dealId(), a.dealName(), a.claimed(), a.evidenced(), a.weighted(), a.adjusted(),
                        a.file(), a.line(), item.stage(), item.item()))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sort the actions of run " + runId, e);
            }
        }

        /**
         * The findings of the deals with the largest checklist gap (weighted as reported less checklist-adjusted),
         * largest first, with the gap; only those deals were held while the others streamed by.
         */
        public void forEachFindingOfLargestGaps(Consumer<FindingLine> action) {
            List<DealRecord> ordered = new ArrayList<>(largest);
            ordered.sort(LARGEST_GAP_FIRST);
            ordered.forEach(deal -> deal.findingLines(deal.gap()).forEach(action));
        }

        @Override
        public void close() {
            try {
                actions.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the action sort files of run " + runId, e);
            }
        }
    }

    private static final Comparator<DealRecord> LARGEST_GAP_FIRST = Comparator.comparing(DealRecord::gap,
            Comparator.reverseOrder()).thenComparing(DealRecord::file).thenComparingInt(DealRecord::line);

    /** What an action line says of a deal, and the items it misses. */
    private record ActionDeal(String owner, String team, String dealId, String dealName, String claimed,
            String evidenced, java.math.BigDecimal weighted, java.math.BigDecimal adjusted, String file, int line,
            List<MissingItem> items) {

        java.math.BigDecimal gap() {
            return weighted.subtract(adjusted);
        }
    }

    private static final Comparator<ActionDeal> ACTION_ORDER = Comparator.comparing(ActionDeal::owner,
            Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(ActionDeal::gap,
                    Comparator.reverseOrder()).thenComparing(ActionDeal::file).thenComparingInt(ActionDeal::line);

    private static final ExternalSort.Codec<ActionDeal> ACTION_DEAL = new ExternalSort.Codec<>() {
        @Override
        public void write(java.io.DataOutputStream out, ActionDeal a) throws IOException {
            for (String text : new String[] {a.owner(), a.team(), a.dealId(), a.dealName(), a.claimed(),
                a.evidenced(), a.weighted().toPlainString(), a.adjusted().toPlainString(), a.file()}) {
                RecordCodec.writeText(out, text);
            }
            out.writeInt(a.line());
            out.writeInt(a.items().size());
            for (MissingItem item : a.items()) {
                RecordCodec.writeText(out, item.stage());
                RecordCodec.writeText(out, item.item());
            }
        }

        @Override
        public ActionDeal read(java.io.DataInputStream in) throws IOException {
            String[] texts = new String[9];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = RecordCodec.readText(in);
            }
            int line = in.readInt();
            int count = in.readInt();
            List<MissingItem> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(new MissingItem(RecordCodec.readText(in), RecordCodec.readText(in), 1));
            }
            return new ActionDeal(texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
                    new java.math.BigDecimal(texts[6]), new java.math.BigDecimal(texts[7]), texts[8], line, items);
        }
    };

    /** How many deals the run accepted from each file, in file name order. */
    public Map<String, Long> countByFile(long runId) {
        return tally(runId, null).byFile();
    }

    /** Open forecast deals whose checklist was assessed ([0]) and not assessed ([1]), of one team (null: all). */
    public long[] checklistAssessed(long runId, String team) {
        return tally(runId, team).assessed().clone();
    }

    /**
     * Deals per exported stage value (null for deals without one) and the stage they were counted at, most deals
     * first, of one team's deals ({@code team} null: of every deal): the first {@code limit} groups, and how many
     * groups there are in all.
     */
    public long stageValues(long runId, String team, int limit, Consumer<RowGroup> first) {
        Map<List<String>, Long> groups = tally(runId, team).stageGroups();
        mostFirst(groups).limit(limit).forEach(e -> first.accept(new RowGroup(e.getKey().get(0), e.getKey().get(1),
                e.getValue())));
        return groups.size();
    }

    /** The first {@code limit} checklist items missed on the most deals, of one team's deals (null: of all). */
    public List<MissingItem> mostMissedItems(long runId, String team, int limit) {
        return mostFirst(tally(runId, team).missedItems()).limit(limit)
                .map(e -> new MissingItem(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    }

    /** Pairs of texts counted, most first, then by the first text and the second (nulls first). */
    private static Stream<Map.Entry<List<String>, Long>> mostFirst(Map<List<String>, Long> counts) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<List<String>, Long> e) -> e.getValue()).reversed()
                        .thenComparing(e -> e.getKey().get(0), text).thenComparing(e -> e.getKey().get(1), text));
    }

    /**
     * What the data-quality page, the watchlists, run.json and the counts need of a run's deals, counted in one
     * pass.
     */
    private record Tally(Map<String, Long> byFile, long[] assessed, Map<List<String>, Long> stageGroups,
            Map<String, Long> findingCodes, Map<List<String>, Long> missedItems, List<String> teams) {
    }

    /**
     * The run's tally, of one team or all, counted once after the duplicate check (the analysis, the reports and
     * run.json all ask); only the run being reported on is kept (a scheduled process runs night after night).
     */
    private Tally tally(long runId, String team) {
        tallies.keySet().removeIf(key -> !key.startsWith(runId + "\u0000"));
        return tallies.computeIfAbsent(runId + "\u0000" + (team == null ? "" : "\u0001" + team), key -> {
            Map<String, Long> byFile = new java.util.TreeMap<>();
            long[] assessed = new long[2];
            Map<List<String>, Long> stageGroups = new HashMap<>();
            Map<String, Long> codes = new HashMap<>();
            Map<List<String>, Long> missed = new HashMap<>();
            java.util.Set<String> teams = new java.util.TreeSet<>();
            forEach(runId, team, deal -> {
                if (deal.team() != null) {
                    teams.add(deal.team());
                }
                byFile.merge(deal.file(), 1L, Long::sum);
                if (deal.openForecast()) {
                    assessed[deal.checklistAssessed() ? 0 : 1]++;
                }
                stageGroups.merge(Arrays.asList(deal.stageValue(), deal.claimedStage()), 1L, Long::sum);
                deal.findings().forEach(f -> codes.merge(f.code().name(), 1L, Long::sum));
                deal.missingItems().forEach(m -> missed.merge(Arrays.asList(m.stage(), m.item()), 1L, Long::sum));
            });
            return new Tally(java.util.Collections.unmodifiableMap(byFile), assessed, stageGroups, Map.copyOf(codes),
                    missed, List.copyOf(teams));
        });
    }

    private void readRevised(long runId, DealRecords.Reader reader, CarriedFile.Reader carried,
            Consumer<DealRecord> action) throws IOException {
        try (RevisionReader pending = new RevisionReader(revisionsOf(runId, reader.exportFile()))) {
            RevisedFinding next = pending.next();
            for (DealRecord ingested = reader.next(); ingested != null; ingested = reader.next()) {
                DealRecord deal = ingested.carrying(carried.next());
                while (next != null && next.revision().line() < deal.line()) {
                    next = pending.next();
                }
                DealRecord current = deal;
                if (next != null && next.revision().line() == deal.line()) {
                    Revision revision = next.revision();
                    List<Finding> added = new ArrayList<>();
                    while (next != null && next.revision().line() == deal.line()) {
                        added.add(next.finding());
                        next = pending.next();
                    }
                    current = deal.revised(revision, added);
                }
                action.accept(current);
            }
        }
    }

    /**
     * What the duplicate check revised on one export's deals, in line order: read from the database once after the
     * check into a file of the work folder, which every later pass reads (a duplicate-heavy night revises most
     * deals, and the join behind them cost more than the pass itself).
     */
    private synchronized Path revisionsOf(long runId, String exportFile) throws IOException {
        Path file = Path.of(DealRecords.file(database, runId, exportFile) + ".revisions");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = Path.of(file + ".partial");
        try (Stream<RevisedFinding> revisions = revised.revisions(runId, exportFile);
                java.io.DataOutputStream out = ExternalSort.output(partial)) {
            for (RevisedFinding r : (Iterable<RevisedFinding>) revisions::iterator) {
                Revision v = r.revision();
                Finding f = r.finding();
                out.writeInt(v.line());
                RecordCodec.writeText(out, v.evidencedStage());
                out.writeInt(v.evidencedOrder() == null ? NOT_LOWERED : v.evidencedOrder());
                RecordCodec.writeText(out, v.evidencedProbability() == null ? null
                        : v.evidencedProbability().toPlainString());
                RecordCodec.writeText(out, v.weightedAdjusted() == null ? null : v.weightedAdjusted().toPlainString());
                RecordCodec.writeText(out, f.code().name());
                out.writeByte(f.severity().ordinal());
                RecordCodec.writeText(out, f.stage());
                RecordCodec.writeText(out, f.item());
                RecordCodec.writeText(out, f.message());
            }
        }
        ExternalSort.force(partial);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Removes the run's revision files: the duplicate check is about to revise its deals (again). */
    public void forgetRevisions(long runId) {
        tallies.keySet().removeIf(key -> key.startsWith(runId + "\u0000"));
        Path folder = ExportRows.runFolder(database, runId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains(".revisions")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the revisions in " + folder, e);
        }
    }

    /** Reads a revisions file forward. */
    private static final class RevisionReader implements AutoCloseable {
        private static final com.pipelineforecast.domain.Severity[] SEVERITIES =
                com.pipelineforecast.domain.Severity.values();
        private final java.io.DataInputStream in;

        RevisionReader(Path file) throws IOException {
            this.in = ExternalSort.input(file);
        }

        RevisedFinding next() throws IOException {
            int line;
            try {
                line = in.readInt();
            } catch (java.io.EOFException e) {
                return null;
            }
            String stage = RecordCodec.readText(in);
            int order = in.readInt();
            String probability = RecordCodec.readText(in);
            String weighted = RecordCodec.readText(in);
            Revision revision = new Revision(line, stage, order == NOT_LOWERED ? null : order,
                    probability == null ? null : new java.math.BigDecimal(probability),
                    weighted == null ? null : new java.math.BigDecimal(weighted));
            Finding finding = new Finding(FindingCode.parse(RecordCodec.readText(in)), SEVERITIES[in.readByte()],
                    RecordCodec.readText(in), RecordCodec.readText(in), RecordCodec.readText(in));
            return new RevisedFinding(revision, finding);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * A reader per export of the run, in export file name order. Every export's partition writes its deal records
     * beside its export rows, so an export with rows but no records (a run ingested by an earlier version, a file
     * removed) fails the read, as does a folder without records for a run that has deals: never zero deals.
     */
    private List<DealRecords.Reader> open(long runId) {
        Path folder = ExportRows.runFolder(database, runId);
        String missing = "the deal records of run " + runId + " are missing from its work folder " + folder
                + " (ingested by an earlier version, or removed before the run was published): start the night"
                + " again with --rerun";
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(missing);
        }
        List<DealRecords.Reader> readers = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            // every ingest partition writes its records file, if only its header
            if (names.stream().noneMatch(name -> name.endsWith(".deals"))) {
                throw new IllegalStateException(missing);
            }
            for (String name : names) {
                if (name.endsWith(".rows") && !names.contains(name.replaceFirst("\\.rows$", ".deals"))) {
                    throw new IllegalStateException(missing);
                }
            }
            for (String name : names.stream().filter(n -> n.endsWith(".deals")).toList()) {
                DealRecords.Reader reader = DealRecords.Reader.open(folder.resolve(name));
                if (reader != null) {
                    readers.add(reader);
                }
            }
        } catch (IOException | RuntimeException e) {
            readers.forEach(RunDeals::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read the work folder " + folder, io);
            }
            throw (RuntimeException) e;
        }
        readers.sort(Comparator.comparing(DealRecords.Reader::exportFile));
        return readers;
    }

    private static void close(DealRecords.Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // read to the end or abandoned: nothing is lost by a close that fails
        }
    }
}
