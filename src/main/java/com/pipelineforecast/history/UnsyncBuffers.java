package com.pipelineforecast.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Buffers for the work and state files' data streams without the locks of {@code BufferedOutputStream} and
 * {@code BufferedInputStream}: a {@code DataOutputStream} writes a number a byte at a time, and each byte took a
 * lock. A stream is only ever used by one thread.
 */
final class UnsyncBuffers {

    private UnsyncBuffers() {
    }

    static OutputStream output(OutputStream out, int size) {
        return new Output(out, size);
    }

    static InputStream input(InputStream in, int size) {
        return new Input(in, size);
    }

    private static final class Output extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer;
        private int count;

        Output(OutputStream out, int size) {
            this.out = out;
            this.buffer = new byte[size];
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                drain();
                out.write(bytes, offset, length);
                return;
            }
            if (length > buffer.length - count) {
                drain();
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        private void drain() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Input extends InputStream {
        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int limit;

        Input(InputStream in, int size) {
            this.in = in;
            this.buffer = new byte[size];
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == limit) {
                if (length >= buffer.length) {
                    return in.read(bytes, offset, length);
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return limit - position + in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
