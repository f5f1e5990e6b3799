package com.pipelineforecast.report;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The sheet XML on its way to its temporary file, deflated there while the rows are still being written: full
 * buffers go through a small bounded queue to a thread of their own ({@value #THREAD_NAME}), which deflates them
 * (raw deflate, no zlib or gzip wrapper) into the file and counts the bytes and their CRC-32. {@link #close} ends
 * the data with a sync flush, not a final block, so that the file is a piece of deflate stream that more deflate
 * data can follow: the workbook puts it into the xlsx as it is, between the sheet's head and tail
 * ({@link PipelineWorkbook}).
 *
 * <p>A sheet smaller than one buffer never starts the thread: {@link #close} deflates it on the calling thread.
 * At most {@value #QUEUED} full buffers wait for the thread, so a sheet holds at most {@code QUEUED + 2} buffers
 * whatever its size. A failure of the thread (a full disk) is thrown by the next write, or at the latest by
 * {@link #close}; {@link #close} always ends the thread, on success and on failure. {@link #flush} does nothing:
 * nothing is read before the stream is closed, and a flush would end a deflate block early.
 */
final class DeflatingSheetStream extends OutputStream {

    static final String THREAD_NAME = "workbook-deflate";
    /** The buffer handed to the thread: large enough that handing over costs nothing against deflating it. */
    static final int BUFFER_BYTES = 1 << 20;
    private static final int QUEUED = 2;
    private static final int FIRST_BUFFER_BYTES = 1 << 16;
    private static final long WAIT_MILLIS = 100;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final FileOutputStream file;
    private final Deflater deflater;
    private int bufferBytes;
    private final byte[] output = new byte[1 << 16];
    private final CRC32 crc = new CRC32();
    /** Uncompressed and compressed bytes, counted by whichever thread deflates. */
    private long length;
    private long compressedLength;

    private byte[] buffer;
    private int count;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(QUEUED);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(QUEUED + 2);
    private Thread worker;
    private volatile Throwable failure;
    private boolean closed;
    /** A write or the close failed on the writing thread. */
    private boolean incomplete;
    private boolean endSent;

    /**
     * @param file        where the deflated bytes go; closed by {@link #close}
     * @param level       the deflate level
     * @param bufferBytes the size of a buffer handed to the thread
     */
    DeflatingSheetStream(FileOutputStream file, int level, int bufferBytes) {
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes");
        }
        this.file = file;
        this.bufferBytes = bufferBytes;
        this.deflater = new Deflater(level, true);
    }

    /** Changes the size of the buffers handed to the thread; only before anything is written. */
    void bufferBytes(int bytes) {
        if (bytes < 1 || buffer != null || closed) {
            throw new IllegalStateException("buffer of " + bytes + " bytes, set before anything is written");
        }
        bufferBytes = bytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
        try {
            checkFailure();
            append(b, off, len);
        } catch (IOException | RuntimeException e) {
            // bytes may be missing: the data is not complete whatever close does
            incomplete = true;
            throw e;
        }
    }

    private void append(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (buffer == null) {
                buffer = new byte[Math.min(bufferBytes, FIRST_BUFFER_BYTES)];
            }
            if (count == buffer.length) {
                if (buffer.length < bufferBytes) {
                    // a small sheet grows its one buffer instead of starting the thread
                    buffer = Arrays.copyOf(buffer, (int) Math.min(bufferBytes, 2L * buffer.length));
                } else {
                    handOver();
                }
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Does nothing: see the class comment. */
    @Override
    public void flush() {
    }

    /**
     * Deflates what is left, ends the data with a sync flush, ends the thread and closes the file. Throws the
     * thread's failure, if any; the thread is gone either way. A second call does nothing.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Throwable thrown = null;
        try {
            if (worker == null) {
                if (count > 0) {
                    deflate(buffer, count);
                }
                syncFlush();
            } else {
                if (count > 0) {
                    enqueue(new Chunk(buffer, count));
                }
                enqueue(END);
                endSent = true;
            }
        } catch (IOException | RuntimeException | Error e) {
            thrown = e;
            incomplete = true;
        } finally {
            buffer = null;
            if (worker != null && !endSent) {
                // the thread would wait for the end forever
                worker.interrupt();
            }
            try {
                stopWorker();
            } catch (InterruptedIOException e) {
                thrown = addTo(thrown, e);
                incomplete = true;
            }
            deflater.end();
            try {
                file.close();
            } catch (IOException e) {
                thrown = addTo(thrown, e);
                incomplete = true;
            }
        }
        if (failure != null && (thrown == null || thrown.getCause() != failure)) {
            thrown = addTo(new IOException("deflating the sheet data failed: " + failure, failure), thrown);
        }
        if (thrown instanceof IOException e) {
            throw e;
        } else if (thrown instanceof RuntimeException e) {
            throw e;
        } else if (thrown instanceof Error e) {
            throw e;
        }
    }

    /** The uncompressed bytes written; known once closed. */
    long length() {
        requireClosed();
        return length;
    }

    /** The CRC-32 of the uncompressed bytes; known once closed. */
    long crc() {
        requireClosed();
        return crc.getValue();
    }

    /** The deflated bytes in the file; known once closed. */
    long compressedLength() {
        requireClosed();
        return compressedLength;
    }

    /** Whether the stream was closed without a failure: its data, length and CRC are complete. */
    boolean complete() {
        return closed && !incomplete && failure == null;
    }

    /** Whether the thread is running (for tests). */
    boolean threadRunning() {
        return worker != null && worker.isAlive();
    }

    private void requireClosed() {
        if (!complete()) {
            throw new IllegalStateException(closed ? "the sheet data failed to deflate" : "not closed yet");
        }
    }

    private void handOver() throws IOException {
        if (worker == null) {
            worker = new Thread(this::run, THREAD_NAME);
            worker.setDaemon(true);
            worker.start();
        }
        enqueue(new Chunk(buffer, count));
        byte[] next = free.poll();
        buffer = next != null ? next : new byte[bufferBytes];
        count = 0;
    }

    /** Waits for room in the queue, but not for a thread that has failed or ended. */
    private void enqueue(Chunk chunk) throws IOException {
        try {
            while (!full.offer(chunk, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                checkFailure();
                if (!worker.isAlive()) {
                    throw new IOException("the sheet data's deflate thread has ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new InterruptedIOException("interrupted while writing the sheet data");
        }
        checkFailure();
    }

    private void checkFailure() throws IOException {
        Throwable t = failure;
        if (t != null) {
            throw new IOException("deflating the sheet data failed: " + t, t);
        }
    }

    /** Ends the thread: it has been sent the end, or has failed; interrupted, it is told to stop and waited for. */
    private void stopWorker() throws InterruptedIOException {
        if (worker == null) {
            return;
        }
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                throw new InterruptedIOException("interrupted while ending the sheet data");
            }
        }
    }

    private void run() {
        try {
            for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
                deflate(chunk.bytes(), chunk.length());
                free.offer(chunk.bytes());
            }
            syncFlush();
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the sheet data's deflate thread was interrupted");
        } catch (Throwable t) {
            failure = t;
        } finally {
            // buffers still queued are dropped: the writer throws the failure instead of waiting for room
            full.clear();
        }
    }

    private void deflate(byte[] bytes, int len) throws IOException {
        crc.update(bytes, 0, len);
        length += len;
        deflater.setInput(bytes, 0, len);
        while (!deflater.needsInput()) {
            emit(deflater.deflate(output, 0, output.length, Deflater.NO_FLUSH));
        }
    }

    /** Ends the data on a byte boundary, with every byte given deflated, and without a final block. */
    private void syncFlush() throws IOException {
        int n;
        do {
            n = deflater.deflate(output, 0, output.length, Deflater.SYNC_FLUSH);
            emit(n);
        } while (n == output.length);
    }

    private void emit(int n) throws IOException {
        if (n > 0) {
            file.write(output, 0, n);
            compressedLength += n;
        }
    }

    private static Throwable addTo(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.addSuppressed(next);
        }
        return first;
    }
}
