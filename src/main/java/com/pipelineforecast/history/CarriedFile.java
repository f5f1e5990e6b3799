package com.pipelineforecast.history;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/**
 * What the previous run carried into each of a run's deals (its stage dates and the stages it has been seen at),
 * in the run's work folder: a fixed-width slot per deal in the order the reports read the deal records, written
 * at random positions while the deals are merged in id order with the previous night's ({@link DealStates#build}),
 * read back sequentially beside the records.
 */
final class CarriedFile {

    private static final int SLOT = 16;
    private static final int NO_DATE = Integer.MIN_VALUE;

    private CarriedFile() {
    }

    static Path of(Path database, long runId) {
        return ExportRows.runFolder(database, runId).resolve("carried");
    }

    /** Fills the slots of {@code deals} deals; {@link #commit} renames the file into place. */
    static final class Writer implements AutoCloseable {
        private final Path partial;
        private final FileChannel channel;
        private final MappedByteBuffer slots;

        Writer(Path file, long deals) throws IOException {
            this.partial = Path.of(file + ".partial");
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (deals * SLOT > Integer.MAX_VALUE) {
                throw new IOException("more deals than one night's carried dates can hold: " + deals);
            }
            this.slots = channel.map(FileChannel.MapMode.READ_WRITE, 0, deals * SLOT);
        }

        void put(long ordinal, DealRecords.Carried carried) {
            int at = (int) (ordinal * SLOT);
            slots.putInt(at, day(carried.stageSince()));
            slots.putInt(at + 4, day(carried.closedSince()));
            slots.putLong(at + 8, carried.stagesSeen());
        }

        void commit(Path file) throws IOException {
            slots.force();
            channel.force(true);
            channel.close();
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.close();
                Files.deleteIfExists(partial);
            }
        }

        private static int day(LocalDate date) {
            return date == null ? NO_DATE : (int) date.toEpochDay();
        }
    }

    /** Reads the slots forward, one per deal record. */
    static final class Reader implements AutoCloseable {
        private final DataInputStream in;
        private final Path file;

        Reader(Path file) {
            this.file = file;
            try {
                this.in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("the carried stage dates of the run are missing: " + file
                        + " (removed before the run was published): start the night again with --rerun", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        DealRecords.Carried next() throws IOException {
            try {
                int since = in.readInt();
                int closed = in.readInt();
                long seen = in.readLong();
                return new DealRecords.Carried(date(since), seen, date(closed));
            } catch (EOFException e) {
                throw new IOException(file + " holds fewer deals than the run's deal records", e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private static LocalDate date(int day) {
            return day == NO_DATE ? null : LocalDate.ofEpochDay(day);
        }
    }
}
