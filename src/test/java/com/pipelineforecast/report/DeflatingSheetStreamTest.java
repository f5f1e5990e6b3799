package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sheet data deflated on a thread of its own: a piece of raw deflate stream that a final block, or more
 * deflate data, can follow, its length and CRC counted; failures thrown to the writer, the thread always ended.
 */
class DeflatingSheetStreamTest {

    @TempDir
    Path folder;

    @Test
    void deflatesManyBuffersOnItsThreadIntoOnePieceOfDeflateStream() throws Exception {
        byte[] xml = rows(20_000);
        Path file = folder.resolve("sheet.xml");
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(file.toFile()), 3, 4096);
        boolean threadSeen = false;
        // written in pieces of odd sizes, as the writer's encoder hands them over
        for (int off = 0; off < xml.length; off += 777) {
            stream.write(xml, off, Math.min(777, xml.length - off));
            threadSeen |= stream.threadRunning();
        }
        assertThat(xml.length / 4096).isGreaterThan(100);
        assertThat(threadSeen).isTrue();
        stream.close();
        assertThat(stream.threadRunning()).isFalse();
        assertThat(deflateThreads()).isZero();
        byte[] deflated = Files.readAllBytes(file);
        assertThat(stream.compressedLength()).isEqualTo(deflated.length);
        assertThat(stream.length()).isEqualTo(xml.length);
        assertThat(stream.crc()).isEqualTo(crc(xml));
        assertThat(deflated.length).isLessThan(xml.length / 5);
        assertThat(inflate(concat(deflated, new byte[] {3, 0}))).isEqualTo(xml);
    }

    @Test
    void isFollowedByMoreDeflateData() throws Exception {
        byte[] head = "<worksheet><sheetData>".getBytes(StandardCharsets.UTF_8);
        byte[] xml = rows(3_000);
        byte[] tail = "</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8);
        Path file = folder.resolve("sheet.xml");
        try (DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(file.toFile()), 3, 1000)) {
            stream.write(xml);
        }
        byte[] whole = concat(concat(deflate(head, false), Files.readAllBytes(file)), deflate(tail, true));
        assertThat(inflate(whole)).isEqualTo(concat(concat(head, xml), tail));
    }

    @Test
    void aSmallSheetStartsNoThread() throws Exception {
        byte[] xml = rows(10);
        Path file = folder.resolve("sheet.xml");
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(file.toFile()), 3, 1 << 20);
        stream.write(xml);
        assertThat(stream.threadRunning()).isFalse();
        stream.close();
        stream.close();
        assertThat(stream.length()).isEqualTo(xml.length);
        assertThat(inflate(concat(Files.readAllBytes(file), new byte[] {3, 0}))).isEqualTo(xml);
    }

    @Test
    void anEmptySheetIsAnEmptyPiece() throws Exception {
        Path file = folder.resolve("sheet.xml");
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(file.toFile()), 3, 1000);
        stream.close();
        assertThat(stream.length()).isZero();
        assertThat(stream.crc()).isZero();
        assertThat(inflate(concat(Files.readAllBytes(file), new byte[] {3, 0}))).isEmpty();
        assertThatThrownBy(() -> stream.write(new byte[1])).isInstanceOf(IOException.class);
    }

    @Test
    void aFailureOfTheThreadReachesTheWriterAndEndsTheThread() throws Exception {
        // every write to /dev/full fails as on a full disk
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full));
        byte[] xml = rows(20_000);
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(full.toFile()), 3, 4096);
        IOException thrown = null;
        try {
            for (int round = 0; round < 100; round++) {
                stream.write(xml);
            }
        } catch (IOException e) {
            thrown = e;
        }
        assertThat(thrown).as("a write after the thread failed").isNotNull();
        assertThat(thrown).hasMessageContaining("deflating the sheet data failed").hasRootCauseMessage(
                "No space left on device");
        assertThatThrownBy(stream::close).isInstanceOf(IOException.class)
                .hasMessageContaining("deflating the sheet data failed");
        assertThat(stream.threadRunning()).isFalse();
        assertThat(deflateThreads()).isZero();
        assertThatThrownBy(stream::length).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailureFoundOnlyAtCloseIsThrownThere() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full));
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(full.toFile()), 3, 1 << 20);
        stream.write(rows(10));
        // deflated on the calling thread, a sheet this small fails there
        assertThatThrownBy(stream::close).isInstanceOf(IOException.class).hasStackTraceContaining(
                "No space left on device");
        assertThat(deflateThreads()).isZero();
    }

    @Test
    void closingWithoutWaitingEndsTheThread() throws Exception {
        // the writer gives up half way (its rows failed): close still deflates what was queued and ends the thread
        Path file = folder.resolve("sheet.xml");
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(file.toFile()), 3, 4096);
        stream.write(rows(5_000));
        assertThat(stream.threadRunning()).isTrue();
        stream.close();
        assertThat(stream.threadRunning()).isFalse();
        assertThat(deflateThreads()).isZero();
    }

    static long deflateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(DeflatingSheetStream.THREAD_NAME) && t.isAlive()).count();
    }

    private static byte[] rows(int rows) {
        StringBuilder xml = new StringBuilder();
        for (int r = 1; r <= rows; r++) {
            xml.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"inlineStr\"><is><t>Deal ")
                    .append(r * 7919 % 100_003).append(" – Müller</t></is></c><c r=\"B").append(r)
                    .append("\" s=\"3\" t=\"n\"><v>").append(r * 12.5).append("</v></c></row>\n");
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] deflate(byte[] bytes, boolean last) {
        Deflater deflater = new Deflater(3, true);
        deflater.setInput(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        if (last) {
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } else {
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Inflates a whole raw deflate stream, which must end with a final block and nothing after it. */
    private static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("the deflate stream ends without a final block");
            }
            out.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).isZero();
        inflater.end();
        return out.toByteArray();
    }
}
