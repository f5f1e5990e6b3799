package com.pipelineforecast.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The encoding and delimiter of a CSV file, detected from its first bytes: a byte-order mark decides UTF-8,
 * UTF-16 or UTF-32; otherwise valid UTF-8 is UTF-8 and anything else is Windows-1252. The delimiter is the most frequent
 * of {@code , ; TAB |} outside quotes in the first lines.
 */
public record CsvDialect(Charset charset, int bomLength, char delimiter) {

    private static final int SAMPLE = 64 * 1024;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public static CsvDialect detect(Path file) {
        return detect(file, null);
    }

    /** Detects the dialect; a forced encoding ({@code --encoding}) replaces detection but a BOM is still skipped. */
    public static CsvDialect detect(Path file, Charset forcedEncoding) {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(SAMPLE);
        } catch (IOException e) {
            throw new InputUnusableException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Charset charset;
        int bom = 0;
        if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(sample, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            bom = 4;
        } else if (startsWith(sample, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            bom = 4;
        } else if (startsWith(sample, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(sample, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (forcedEncoding == null && hasNul(sample)) {
            throw new InputUnusableException(file.getFileName() + ": not a text (CSV) file: it holds binary data; "
                    + "deal exports are CSV (UTF-8, UTF-16 or UTF-32 with BOM or Windows-1252) or .xlsx");
        } else {
            charset = isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (forcedEncoding != null) {
            charset = forcedEncoding;
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        return new CsvDialect(charset, bom, delimiter(text));
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNul(byte[] sample) {
        for (byte b : sample) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUtf8(byte[] sample, boolean complete) {
        int length = sample.length;
        if (!complete) {
            // the sample may end inside a multi-byte sequence: drop the trailing partial character
            int back = 0;
            while (back < 3 && length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0xC0) {
                length = length - back - 1;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer ignored = decoder.decode(ByteBuffer.wrap(Arrays.copyOf(sample, length)));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The candidate seen most often outside quotes in the first lines (title lines above the header count little). */
    private static char delimiter(String text) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        int lines = 0;
        for (int i = 0; i < text.length() && lines < 30; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\n') {
                lines++;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (c == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }
}
