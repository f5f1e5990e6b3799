package com.pipelineforecast.forecast;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.function.Consumer;

import com.pipelineforecast.history.RecordCodec;

/**
 * The deals that moved since the previous night, in deal-id order, as the night's movement pass found them: a file
 * in the run's work folder that the workbook's Movement sheet reads instead of merging the two nights' state files
 * again. Written to a partial file renamed into place, so a file that is there is whole.
 */
final class MovedDealsFile {

    private static final String NAME = "moved-deals";

    private MovedDealsFile() {
    }

    static Path of(Path runFolder) {
        return runFolder.resolve(NAME);
    }

    /** Writes moves into the partial file; {@link #commit} puts it in place. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final Path partial;
        private final DataOutputStream out;

        Writer(Path file) {
            this.file = file;
            this.partial = file.resolveSibling(NAME + ".partial");
            try {
                Files.createDirectories(file.getParent());
                this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + partial, e);
            }
        }

        void add(MovementAnalyzer.Move move) {
            try {
                out.writeBoolean(true);
                for (String text : new String[] {move.bucket(), move.dealId(), move.stageBefore(),
                    move.stageAfter(), text(move.amountBefore()), text(move.amountAfter()), text(move.closeBefore()),
                    text(move.closeAfter()), text(move.weightedBefore()), text(move.weightedAfter()),
                    move.dealName(), move.owner(), move.firstStage()}) {
                    RecordCodec.writeText(out, text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + partial, e);
            }
        }

        void commit() {
            try {
                out.writeBoolean(false);
                out.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        /** Removes the partial file of a pass that did not commit. */
        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + partial, e);
            }
        }

        private static String text(Object value) {
            return value == null ? null : value instanceof BigDecimal decimal ? decimal.toPlainString()
                    : value.toString();
        }
    }

    /** Hands each move of the file to {@code action}; false, handing none, when there is no such file. */
    static boolean forEach(Path file, Consumer<MovementAnalyzer.Move> action) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (in.readBoolean()) {
                String[] t = new String[13];
                for (int i = 0; i < t.length; i++) {
                    t[i] = RecordCodec.readText(in);
                }
                action.accept(new MovementAnalyzer.Move(t[0], t[1], t[2], t[3], decimal(t[4]), decimal(t[5]),
                        date(t[6]), date(t[7]), decimal(t[8]), decimal(t[9]), t[10], t[11], t[12]));
            }
        } catch (EOFException e) {
            throw new UncheckedIOException("the moved deals file " + file + " ends early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return true;
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
