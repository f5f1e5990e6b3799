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
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each run's deals in deal-id order, one compressed file per run in the database folder's {@code state} folder:
 * what the next night's movement merges with its own, sequentially, where walking the snapshot's index by deal id
 * read the table in random order. Sorted from the run's {@link DealRecords} in runs of {@value #RUN} deals, so
 * memory holds one run whatever the night's size. The files of the latest {@value #KEPT} runs that have one are
 * kept ({@link #keepLatest}); a night compared with an older run reads that run from the snapshot.
 */
@Component
public class DealStates {

    static final int RUN = 100_000;
    static final int KEPT = 3;
    private static final int NO_DATE = Integer.MIN_VALUE;
    public static final int NO_QUARTER = Integer.MAX_VALUE;
    /** Heads each file: a file of another layout (another version) reads as no file. */
    private static final int FORMAT = 0x50465302;
    /** Deal ids in the order the merge compares them (the order the snapshot's fallback is checked against). */
    private static final Comparator<State> BY_ID = Comparator.comparing(State::id);

    private final RunDeals deals;
    private final Path folder;

    public DealStates(RunDeals deals, @Value("${pipeline.database:data}") String database) {
        this.deals = deals;
        this.folder = Path.of(database).resolve("state");
    }

    /**
     * One deal row's state as movement compares it: claimed stage order and id, close quarter key
     * ({@link #NO_QUARTER} without close date, after every quarter), amount, weight (as reported, open forecast deals only, else
     * 0), won, open, close date, team, and the key that tells a duplicate (account and deal name, normalised).
     */
    public record State(String id, int order, int quarter, BigDecimal amount, BigDecimal weight, boolean won,
            boolean open, String stage, LocalDate closeDate, String team, String duplicateKey) {
    }

    /**
     * The run's state file, sorted now from its deal records if it is not there yet (once: the analysis and the
     * workbook ask from more than one thread).
     */
    public synchronized Path sorted(long runId) {
        Path target = file(runId);
        if (has(runId)) {
            return target;
        }
        Path partial = folder.resolve("run-" + runId + ".states.partial");
        try (ExternalSort<State> sort = new ExternalSort<>(folder, "run-" + runId + ".states.run", RUN, BY_ID,
                CODEC)) {
            deals.forEach(runId, null, deal -> sort.add(state(deal)));
            Files.createDirectories(folder);
            try (DataOutputStream out = output(partial)) {
                sort.forEachSorted(state -> {
                    try {
                        CODEC.write(out, state);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            ExternalSort.force(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot sort the deals of run " + runId + " in " + folder,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
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

    /**
     * Removes the state files of published runs but those of the {@value #KEPT} latest and of {@code runId}; a
     * run not published (failed, to be restarted) keeps its file.
     */
    public void keepLatest(long runId, java.util.function.LongPredicate published) {
        List<Long> runs = new ArrayList<>();
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.matches("run-\\d+\\.states"))
                    .map(name -> Long.parseLong(name.substring(4, name.length() - ".states".length())))
                    .filter(id -> id != runId && published.test(id)).sorted(Comparator.reverseOrder())
                    .skip(KEPT).forEach(runs::add);
            for (long id : runs) {
                Files.deleteIfExists(file(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove old deal states in " + folder, e);
        }
    }

    private Path file(long runId) {
        return folder.resolve("run-" + runId + ".states");
    }

    private static State state(DealRecord d) {
        BigDecimal weight = d.open() && !d.lead() ? d.weightedReported() : BigDecimal.ZERO.setScale(2);
        return new State(d.dealId(), d.claimedOrder(), d.closeQuarter() == null ? NO_QUARTER
                : d.closeQuarter(), d.amountReporting(), weight, d.won(), d.open(), d.claimedStage(), d.closeDate(),
                d.team(), d.duplicateKey());
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
        out.writeByte((s.won() ? 1 : 0) | (s.open() ? 2 : 0));
        RecordCodec.writeText(out, s.stage());
        out.writeInt(s.closeDate() == null ? NO_DATE : (int) s.closeDate().toEpochDay());
        RecordCodec.writeText(out, s.team());
        RecordCodec.writeText(out, s.duplicateKey());
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
        return new State(id, order, quarter, amount, weight, (flags & 1) != 0, (flags & 2) != 0, stage,
                day == NO_DATE ? null : LocalDate.ofEpochDay(day), team, duplicateKey);
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
