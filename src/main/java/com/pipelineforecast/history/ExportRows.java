package com.pipelineforecast.history;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The export's other columns of a run's deals, the raw values the Deals sheet shows beside the canonical ones:
 * written per export file while the deals are ingested, read back in line order when the workbook is rendered,
 * and removed with the run's work folder once it is published. They are no history (no later night reads them),
 * so they stay out of the database: an export of 200 columns made every snapshot row kilobytes long.
 * <p>
 * A file holds one record per accepted deal in line order: the line, then the values joined by
 * {@code SourceRow.EXPORT_SEPARATOR} as UTF-8 (length -1 for none).
 */
public final class ExportRows {

    private ExportRows() {
    }

    /** The work folder of a run, beside the embedded database's files. */
    public static Path runFolder(Path database, long runId) {
        return database.resolve("work").resolve("run-" + runId);
    }

    /** The export rows file of one export file of a run. */
    public static Path file(Path database, long runId, String exportFile) {
        return workFile(database, runId, exportFile, ".rows");
    }

    /**
     * A file of one export in the run's work folder: named by the export's name hashed (any name, any length, is a
     * valid file name), with the extension telling what it holds.
     */
    static Path workFile(Path database, long runId, String exportFile, String extension) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(exportFile.getBytes(StandardCharsets.UTF_8));
            return runFolder(database, runId).resolve(HexFormat.of().formatHex(digest, 0, 12) + extension);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes one export file's rows during its ingest partition (restartable as {@link WorkFileWriter}). */
    public static class Writer extends WorkFileWriter {

        public Writer(Path path) {
            super(path, "exportRows.position");
        }

        /** Appends the chunk's deals; they count once the chunk commits ({@link #update}). */
        public void write(Chunk<? extends IngestOutcome> chunk) {
            try {
                append(chunk);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private void append(Chunk<? extends IngestOutcome> chunk) throws IOException {
            for (IngestOutcome outcome : chunk) {
                if (outcome.deal() == null) {
                    continue;
                }
                out.writeInt(outcome.deal().line());
                String values = outcome.row() == null ? null : outcome.row().exportValues();
                if (values == null) {
                    out.writeInt(-1);
                } else {
                    byte[] bytes = values.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }
    }

    /** Reads one export file's rows forward, for deals asked in line order. */
    public static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private int line = -1;
        private String values;

        private Reader(InputStream in) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            advance();
        }

        /** A reader of the file, or one that has nothing when the file is not there (a run without such rows). */
        public static Reader open(Path path) {
            try {
                try {
                    return new Reader(Files.newInputStream(path));
                } catch (NoSuchFileException e) {
                    return new Reader(InputStream.nullInputStream());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        /** The values of the deal on {@code wanted} (lines asked in ascending order), or null when it has none. */
        public String valuesOf(int wanted) {
            try {
                while (line >= 0 && line < wanted) {
                    advance();
                }
                return line == wanted ? values : null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the export rows", e);
            }
        }

        private void advance() throws IOException {
            try {
                line = in.readInt();
            } catch (EOFException e) {
                line = -1;
                values = null;
                return;
            }
            int length = in.readInt();
            values = length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
