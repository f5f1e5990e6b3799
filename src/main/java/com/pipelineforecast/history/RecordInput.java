package com.pipelineforecast.history;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads what a {@code DataOutputStream} wrote (big-endian numbers, {@link RecordCodec} texts) from a file through
 * one large buffer: a deal records file is read a dozen times a night, and a {@code DataInputStream} made four
 * calls through a synchronised stream for every number.
 */
final class RecordInput implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

    RecordInput(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        buffer.limit(0);
    }

    /** Whether the file has no more bytes. */
    boolean atEnd() throws IOException {
        return !fill(1);
    }

    int readInt() throws IOException {
        require(Integer.BYTES);
        return buffer.getInt();
    }

    long readLong() throws IOException {
        require(Long.BYTES);
        return buffer.getLong();
    }

    byte readByte() throws IOException {
        require(1);
        return buffer.get();
    }

    /** A text as {@link RecordCodec#writeText} wrote it. */
    String readText() throws IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        if (length <= buffer.capacity()) {
            require(length);
            String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                    StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return text;
        }
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            require(1);
            int part = Math.min(buffer.remaining(), length - read);
            buffer.get(bytes, read, part);
            read += part;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A text of the few that repeat across records (a stage, an owner, a currency, a finding's code): read once
     * and then handed out again, without decoding or a new string, while it stays in a small table.
     */
    String readSharedText() throws IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        if (length > SHARED_LENGTH) {
            buffer.position(buffer.position() - Integer.BYTES);
            return readText();
        }
        require(length);
        byte[] array = buffer.array();
        int from = buffer.arrayOffset() + buffer.position();
        int hash = 1;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + array[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SHARED_SLOTS - 1);
        byte[] key = sharedKeys[slot];
        String text;
        if (key != null && java.util.Arrays.equals(key, 0, key.length, array, from, from + length)) {
            text = sharedTexts[slot];
        } else {
            text = new String(array, from, length, StandardCharsets.UTF_8);
            sharedKeys[slot] = java.util.Arrays.copyOfRange(array, from, from + length);
            sharedTexts[slot] = text;
        }
        buffer.position(buffer.position() + length);
        return text;
    }

    private static final int SHARED_LENGTH = 200;
    private static final int SHARED_SLOTS = 1 << 12;
    private final byte[][] sharedKeys = new byte[SHARED_SLOTS][];
    private final String[] sharedTexts = new String[SHARED_SLOTS];

    private void require(int bytes) throws IOException {
        if (!fill(bytes)) {
            throw new EOFException("the file ends inside a record");
        }
    }

    /** Makes {@code bytes} bytes available if the file has them. */
    private boolean fill(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        buffer.compact();
        while (buffer.position() < bytes && channel.read(buffer) >= 0) {
            // reads until enough bytes are there or the file ends
        }
        buffer.flip();
        return buffer.remaining() >= bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
