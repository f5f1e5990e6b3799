package com.pipelineforecast.history;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * A file of the run's work folder written during an ingest partition. The position after each chunk is saved with
 * the chunk's commit; a restarted partition cuts the file back to it, so a chunk rolled back leaves no record.
 */
abstract class WorkFileWriter implements ItemStream {

    private final Path path;
    private final String positionKey;
    private FileChannel channel;
    /** Where the records go; flushed and forced at each chunk's commit ({@link #update}). */
    protected DataOutputStream out;

    /** @param positionKey the step context's key of the committed position (one per kind of file) */
    WorkFileWriter(Path path, String positionKey) {
        this.path = path;
        this.positionKey = positionKey;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(context.getLong(positionKey, 0L));
            channel.position(channel.size());
            OutputStream stream = Channels.newOutputStream(channel);
            out = new DataOutputStream(UnsyncBuffers.output(stream, 1 << 16));
            if (channel.size() == 0) {
                begin();
            }
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            channel = null;
            out = null;
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Writes what the file starts with, if anything, when it is empty. */
    protected void begin() throws IOException {
    }

    @Override
    public void update(ExecutionContext context) {
        try {
            out.flush();
            channel.force(false);
            context.putLong(positionKey, channel.position());
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A write that failed, naming the file (a full disk is then told as the database folder's). */
    protected UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write " + path, new FileSystemException(path.toString(), null,
                e.getMessage()));
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        } finally {
            out = null;
            channel = null;
        }
    }
}
