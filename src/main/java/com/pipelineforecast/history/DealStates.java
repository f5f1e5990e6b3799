package com.pipelineforecast.history;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Money;

/**
 * Each run's deals in deal-id order, one compressed file per run in the database folder's {@code state} folder:
 * what the next night merges with its own, sequentially, for the stage dates it carries, its movement and its
 * re-entered duplicates (walking an index by deal id read a table in random order). Built right after ingest
 * ({@link #build}) from the run's {@link DealRecords}, sorted in runs of {@value #RUN} deals so memory holds one run
 * whatever the night's size, and merged with the previous run's file. A run ingested by an earlier version, whose
 * deals are snapshot rows, has its file made from them when a later night first needs it.
 */
@Component
public class DealStates {

    static final int RUN = 100_000;
    private static final int NO_DATE = Integer.MIN_VALUE;
    public static final int NO_QUARTER = Integer.MAX_VALUE;
    /** Heads each file: a file of another layout (another version) reads as no file. */
    private static final int FORMAT = 0x50465303;
    /** Deal ids in the order the merges compare them; a deal id's rows in file and line order (the sort is stable). */
    private static final Comparator<State> BY_ID = Comparator.comparing(State::id);

    private final RunDeals deals;
    private final DealSnapshotRepository snapshot;
    private final Path database;
    private final Path folder;

    public DealStates(RunDeals deals, DealSnapshotRepository snapshot,
            @Value("${pipeline.database:data}") String database) {
        this.deals = deals;
        this.snapshot = snapshot;
        this.database = Path.of(database);
        this.folder = this.database.resolve("state");
    }

    /**
     * One deal row's state: claimed stage order and id, close quarter key ({@link #NO_QUARTER} without close date,
     * after every quarter), amount, weight (as reported, open forecast deals only, else 0), won, open, claimed
     * stage, close date, team, the key that tells a duplicate (account and deal name, normalised), where the row
     * is, its name and owner, whether it is a lead, its stage dates and the stages it has been seen at (a bit per
     * stage order), and its position among the run's deal records.
     */
    public record State(String id, int order, int quarter, BigDecimal amount, BigDecimal weight, boolean won,
            boolean open, String stage, LocalDate closeDate, String team, String duplicateKey, String file, int line,
            String dealName, String owner, boolean lead, LocalDate stageSince, long stagesSeen,
            LocalDate closedSince, long ordinal) {

        State carrying(DealRecords.Carried carried) {
            return new State(id, order, quarter, amount, weight, won, open, stage, closeDate, team, duplicateKey,
                    file, line, dealName, owner, lead, carried.stageSince(), carried.stagesSeen(),
                    carried.closedSince(), ordinal);
        }
    }

    /**
     * Sorts tonight's deals by id and merges them with the previous run's: each deal gets the stage dates the
     * previous run carries into it, written to tonight's state file and, in record order, to the work folder's
     * {@link CarriedFile} that the reports read beside the records. Done once: a restart finds both files. On the
     * way each deal record as ingested goes to {@code alsoEach} (a pass over the night that another check needs too;
     * all of them before the merge) and, during the merge, each state of the previous run whose deal id tonight
     * lacks to {@code gone}, in id order. Returns false, handing nothing, when the files were already there.
     */
    public synchronized boolean build(long runId, Long previousRunId, LocalDate runDate,
            java.util.function.Consumer<DealRecord> alsoEach, java.util.function.Consumer<State> gone) {
        Path carriedFile = CarriedFile.of(database, runId);
        if (has(runId) && Files.isRegularFile(carriedFile)) {
            return false;
        }
        if (previousRunId != null) {
            fromSnapshotIfMissing(previousRunId);
        }
        long[] count = {0};
        try {
            writeSorted(runId, add -> deals.forEachIngested(runId, deal -> {
                add.accept(state(deal, count[0]++));
                alsoEach.accept(deal);
            }), (sorted, out) -> {
                try (CarriedFile.Writer carried = new CarriedFile.Writer(carriedFile, count[0]);
                        Previous previous = new Previous(previousRunId == null || !has(previousRunId) ? null
                                : read(previousRunId, null), gone)) {
                    while (sorted.hasNext()) {
                        State tonight = sorted.next();
                        DealRecords.Carried carry = previous.carriedInto(tonight, runDate);
                        carried.put(tonight.ordinal(), carry);
                        CODEC.write(out, tonight.carrying(carry));
                    }
                    previous.rest();
                    carried.commit(carriedFile);
                }
            });
            return true;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot sort the deals of run " + runId + " in " + folder,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** Writes what a run's states sorted by id become into its state file. */
    private interface SortedWriter {
        void write(Iterator<State> sorted, DataOutputStream out) throws IOException;
    }

    /**
     * Sorts the states {@code fill} hands over by deal id, on disk in runs, and writes them through {@code write}
     * into the run's state file: a partial file, forced to disk, then renamed into place.
     */
    private void writeSorted(long runId, java.util.function.Consumer<java.util.function.Consumer<State>> fill,
            SortedWriter write) throws IOException {
        Path partial = folder.resolve("run-" + runId + ".states.partial");
        try (ExternalSort<State> sort = new ExternalSort<>(folder, "run-" + runId + ".states.run", RUN, BY_ID,
                CODEC)) {
            fill.accept(sort::add);
            Files.createDirectories(folder);
            try (DataOutputStream out = output(partial)) {
                write.write(sort.sorted(), out);
            }
            ExternalSort.force(partial);
            Files.move(partial, file(runId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The previous run's rows of each deal id in turn, read forward as tonight's ids ask (both in id order): what
     * they carry into a deal of tonight; the rows of ids tonight lacks go to {@code gone} as they are passed. Memory
     * holds one id's stage dates, however many rows repeat it.
     */
    private static final class Previous implements AutoCloseable {
        private final Reader reader;
        /** Receives the states whose deal id tonight lacks. */
        private final java.util.function.Consumer<State> gone;
        private State next;
        private String id;
        private final java.util.Map<String, LocalDate> stageSince = new java.util.HashMap<>();
        private long stagesSeen;
        private LocalDate closedSince;

        Previous(Reader reader, java.util.function.Consumer<State> gone) throws IOException {
            this.reader = reader;
            this.gone = gone;
            this.next = reader == null ? null : reader.next();
        }

        DealRecords.Carried carriedInto(State deal, LocalDate runDate) throws IOException {
            if (!deal.id().equals(id)) {
                gather(deal.id());
            }
            LocalDate since = deal.stageSince() != null ? deal.stageSince()
                    : stageSince.getOrDefault(deal.stage(), runDate);
            long seen = deal.open() && !deal.lead() ? stagesSeen | 1L << Math.min(deal.order(), 62) : stagesSeen;
            LocalDate closed = deal.open() ? null : closedSince == null ? runDate : closedSince;
            return new DealRecords.Carried(since, seen, closed);
        }

        /**
         * Reads past the ids before {@code wanted} (tonight lacks them: to {@code gone}) and gathers its rows (none
         * when the previous run lacks it).
         */
        private void gather(String wanted) throws IOException {
            id = wanted;
            stageSince.clear();
            stagesSeen = 0;
            closedSince = null;
            while (next != null && next.id().compareTo(wanted) < 0) {
                gone.accept(next);
                next = reader.next();
            }
            while (next != null && next.id().equals(wanted)) {
                if (next.stageSince() != null) {
                    stageSince.merge(next.stage(), next.stageSince(), (a, b) -> a.isBefore(b) ? a : b);
                }
                stagesSeen |= next.stagesSeen();
                if (next.closedSince() != null && (closedSince == null || next.closedSince().isBefore(closedSince))) {
                    closedSince = next.closedSince();
                }
                next = reader.next();
            }
        }

        /** The states after tonight's last deal id: gone too. */
        void rest() throws IOException {
            for (; next != null; next = reader.next()) {
                gone.accept(next);
            }
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }

    /** Makes the state file of a run ingested by an earlier version from its snapshot rows, if it has any. */
    private void fromSnapshotIfMissing(long runId) {
        if (has(runId) || !snapshot.hasRows(runId)) {
            return;
        }
        try {
            writeSorted(runId, add -> snapshot.forEachLegacyState(runId, add), (sorted, out) -> {
                while (sorted.hasNext()) {
                    CODEC.write(out, sorted.next());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot sort the snapshot of run " + runId + " in " + folder,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /**
     * A run's state file: tonight's once {@link #build} made it; a run of an earlier version's made from its
     * snapshot rows when first asked.
     */
    public synchronized Path sorted(long runId) {
        fromSnapshotIfMissing(runId);
        if (!has(runId)) {
            throw new IllegalStateException("the deal states of run " + runId + " are missing from " + folder);
        }
        return file(runId);
    }

    /** Whether the run has a state file, made from its snapshot rows if it is of an earlier version. */
    public synchronized boolean available(long runId) {
        fromSnapshotIfMissing(runId);
        return has(runId);
    }

    /** Whether the run has a state file of this version's layout (an older run, or one of an earlier version, has none). */
    public boolean has(long runId) {
        if (!Files.isRegularFile(file(runId))) {
            return false;
        }
        try (Reader reader = new Reader(file(runId), null)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a run's states in deal-id order, of one team ({@code team} null: of every team). */
    public Reader read(long runId, String team) {
        try {
            return new Reader(file(runId), team);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deal states of run " + runId, e);
        }
    }

    /** Removes a run's state file ({@code --keep-runs}: the run's per-deal history goes). */
    public void remove(long runId) {
        try {
            Files.deleteIfExists(file(runId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the deal states of run " + runId + " in " + folder, e);
        }
    }

    private Path file(long runId) {
        return folder.resolve("run-" + runId + ".states");
    }

    /** A deal record's state before the merge: its exported stage-entered date, nothing carried yet. */
    private static State state(DealRecord d, long ordinal) {
        BigDecimal weight = d.open() && !d.lead() ? d.weightedReported() : Money.ZERO;
        return new State(d.dealId(), d.claimedOrder(), d.closeQuarter() == null ? NO_QUARTER
                : d.closeQuarter(), d.amountReporting(), weight, d.won(), d.open(), d.claimedStage(), d.closeDate(),
                d.team(), d.duplicateKey(), d.file(), d.line(), d.dealName(), d.owner(), d.lead(),
                d.stageSince(), 0L, null, ordinal);
    }

    private static DataOutputStream output(Path file) throws IOException {
        DataOutputStream out = ExternalSort.output(file);
        out.writeInt(FORMAT);
        return out;
    }

    /** A state as the files hold it; read back by {@link Reader}. */
    private static final ExternalSort.Codec<State> CODEC = new ExternalSort.Codec<>() {
        @Override
        public void write(DataOutputStream out, State s) throws IOException {
            writeState(out, s);
        }

        @Override
        public State read(DataInputStream in) throws IOException {
            return readState(in);
        }
    };

    private static void writeState(DataOutputStream out, State s) throws IOException {
        RecordCodec.writeText(out, s.id());
        out.writeInt(s.order());
        out.writeInt(s.quarter());
        out.writeLong(s.amount().unscaledValue().longValueExact());
        out.writeLong(s.weight().unscaledValue().longValueExact());
        out.writeByte((s.won() ? 1 : 0) | (s.open() ? 2 : 0) | (s.lead() ? 4 : 0));
        RecordCodec.writeText(out, s.stage());
        out.writeInt(day(s.closeDate()));
        RecordCodec.writeText(out, s.team());
        RecordCodec.writeText(out, s.duplicateKey());
        RecordCodec.writeText(out, s.file());
        out.writeInt(s.line());
        RecordCodec.writeText(out, s.dealName());
        RecordCodec.writeText(out, s.owner());
        out.writeInt(day(s.stageSince()));
        out.writeLong(s.stagesSeen());
        out.writeInt(day(s.closedSince()));
        out.writeLong(s.ordinal());
    }

    private static int day(LocalDate date) {
        return date == null ? NO_DATE : (int) date.toEpochDay();
    }

    private static LocalDate date(int day) {
        return day == NO_DATE ? null : LocalDate.ofEpochDay(day);
    }

    private static State readState(DataInputStream in) throws IOException {
        String id = RecordCodec.readText(in);
        int order = in.readInt();
        int quarter = in.readInt();
        BigDecimal amount = BigDecimal.valueOf(in.readLong(), 2);
        BigDecimal weight = BigDecimal.valueOf(in.readLong(), 2);
        int flags = in.readByte();
        String stage = RecordCodec.readText(in);
        int day = in.readInt();
        String team = RecordCodec.readText(in);
        String duplicateKey = RecordCodec.readText(in);
        String file = RecordCodec.readText(in);
        int line = in.readInt();
        String dealName = RecordCodec.readText(in);
        String owner = RecordCodec.readText(in);
        LocalDate stageSince = date(in.readInt());
        long stagesSeen = in.readLong();
        LocalDate closedSince = date(in.readInt());
        long ordinal = in.readLong();
        return new State(id, order, quarter, amount, weight, (flags & 1) != 0, (flags & 2) != 0, stage, date(day),
                team, duplicateKey, file, line, dealName, owner, (flags & 4) != 0, stageSince, stagesSeen,
                closedSince, ordinal);
    }

    /** A run's states in deal-id order, of one team or all. */
    public static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private final String team;

        Reader(Path file, String team) throws IOException {
            this.in = ExternalSort.input(file);
            this.team = team;
            try {
                if (in.readInt() != FORMAT) {
                    throw new IOException(file + " is not a deal state file of this version");
                }
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }

        /** The next state (of the team), or null after the last. */
        public State next() throws IOException {
            while (true) {
                State state;
                try {
                    state = readState(in);
                } catch (EOFException e) {
                    return null;
                }
                if (team == null || team.equals(state.team())) {
                    return state;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
