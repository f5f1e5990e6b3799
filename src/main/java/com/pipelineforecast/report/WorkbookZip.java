package com.pipelineforecast.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The xlsx of a {@link PipelineWorkbook}: POI's template parts with the sheet data put in, as POI's
 * {@code SXSSFWorkbook.injectData} writes them, but a sheet's data, already deflated by its
 * {@link SheetXmlWriter}, is copied into the zip as it is.
 *
 * <p>Such a sheet's entry is three pieces of raw deflate stream one after the other: the template's XML up to the
 * sheet data, deflated and ended with a sync flush; the sheet data as its temporary file holds it (deflated by
 * its own deflater, ended with a sync flush); the rest of the template's XML, deflated and finished. A sync flush
 * ends on a byte boundary without a final block, and no piece refers back to another's bytes, so the three are
 * one valid deflate stream (as pigz writes its blocks). The entry's CRC-32 is combined from the three pieces'
 * ({@link Crc32Combine}); its sizes, its CRC and its deflated bytes go in with
 * {@link ZipArchiveOutputStream#addRawArchiveEntry}, which, with all three known, writes them in the local header
 * and no data descriptor, on a stream that cannot seek too. The other parts are deflated as they are copied
 * (their local headers without sizes, a data descriptor after the data).
 *
 * <p>The zip is commons-compress's {@link ZipArchiveOutputStream}, as POI 4 wrote xlsx files, not POI 5's own
 * writer for Excel ({@code OpcZipArchiveOutputStream}, which cannot take a raw entry: it would write around its
 * own bookkeeping), with Zip64 as needed only: a part under 4 GiB has no Zip64 field at all (POI 5's writer gives
 * every part 8-byte sizes in its data descriptor), a sheet of 4 GiB or more has its sizes in a Zip64 extra field
 * of its local header and central directory entry.
 */
final class WorkbookZip {

    private static final byte[] OPEN = "<sheetData>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = "<sheetData/>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</sheetData>".getBytes(StandardCharsets.US_ASCII);
    /** What POI writes in place of an empty {@code <sheetData/>}, before the data. */
    private static final byte[] OPENED = "<sheetData>\n".getBytes(StandardCharsets.US_ASCII);

    private final ZipArchiveOutputStream zip;
    private final int level;

    WorkbookZip(OutputStream out, int level) {
        this.level = level;
        zip = new ZipArchiveOutputStream(out);
        zip.setUseZip64(Zip64Mode.AsNeeded);
        zip.setLevel(level);
    }

    /** A part copied from the template as it is. */
    void copy(ZipArchiveEntry template, InputStream in) throws IOException {
        ZipArchiveEntry entry = entry(template);
        if (template.getSize() >= 0) {
            entry.setSize(template.getSize());
        }
        zip.putArchiveEntry(entry);
        in.transferTo(zip);
        zip.closeArchiveEntry();
    }

    /**
     * A sheet: its template's XML with the sheet data in place of its {@code sheetData} element's content.
     *
     * @param data the sheet data: deflated already when a {@link SheetXmlWriter.Deflated}, else the XML
     */
    void sheet(ZipArchiveEntry template, byte[] xml, InputStream data) throws IOException {
        byte[][] parts = split(xml);
        if (!(data instanceof SheetXmlWriter.Deflated deflated)) {
            zip.putArchiveEntry(entry(template));
            zip.write(parts[0]);
            data.transferTo(zip);
            zip.write(parts[1]);
            zip.closeArchiveEntry();
            return;
        }
        Segment head = deflate(parts[0], false);
        Segment tail = deflate(parts[1], true);
        ZipArchiveEntry entry = entry(template);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setSize(head.length() + deflated.length() + tail.length());
        entry.setCompressedSize(head.bytes().length + deflated.compressedLength() + tail.bytes().length);
        entry.setCrc(Crc32Combine.combine(Crc32Combine.combine(head.crc(), deflated.crc(), deflated.length()),
                tail.crc(), tail.length()));
        InputStream raw = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.bytes()),
                new ExactLength(deflated.raw(), deflated.compressedLength(), template.getName()),
                new ByteArrayInputStream(tail.bytes()))));
        zip.addRawArchiveEntry(entry, raw);
    }

    /** Writes the central directory; the stream given stays open. */
    void finish() throws IOException {
        zip.finish();
    }

    private static ZipArchiveEntry entry(ZipArchiveEntry template) {
        ZipArchiveEntry entry = new ZipArchiveEntry(template.getName());
        if (template.getTime() >= 0) {
            entry.setTime(template.getTime());
        }
        return entry;
    }

    /**
     * The sheet XML before and after the sheet data, as POI's {@code copyStreamAndInjectWorksheet} puts it in:
     * an empty {@code <sheetData/>} becomes {@code <sheetData>\n}, the data and {@code </sheetData>}; rows the
     * template holds stay before the data; a template without the element gets it at its end.
     */
    static byte[][] split(byte[] xml) {
        for (int i = indexOf(xml, OPEN, 0, 10); i >= 0; i = indexOf(xml, OPEN, i + 1, 10)) {
            if (startsWith(xml, i, OPEN)) {
                int close = indexOf(xml, CLOSE, i + OPEN.length, CLOSE.length);
                if (close < 0) {
                    return new byte[][] {xml, CLOSE};
                }
                return new byte[][] {slice(xml, 0, close), slice(xml, close, xml.length)};
            }
            if (startsWith(xml, i, EMPTY)) {
                return new byte[][] {concat(slice(xml, 0, i), OPENED),
                    concat(CLOSE, slice(xml, i + EMPTY.length, xml.length))};
            }
        }
        return new byte[][] {concat(xml, OPENED), CLOSE};
    }

    /** Where the first {@code length} bytes of {@code pattern} occur in {@code bytes} from {@code from}, or -1. */
    private static int indexOf(byte[] bytes, byte[] pattern, int from, int length) {
        outer:
        for (int i = from; i <= bytes.length - length; i++) {
            for (int k = 0; k < length; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] pattern) {
        return indexOf(bytes, pattern, at, pattern.length) == at;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private record Segment(byte[] bytes, long length, long crc) {
    }

    /** Raw deflate of {@code bytes}: finished when last, else ended with a sync flush. */
    private Segment deflate(byte[] bytes, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[8192];
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
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new Segment(out.toByteArray(), bytes.length, crc.getValue());
        } finally {
            deflater.end();
        }
    }

    /** A stream that must hold exactly the length its entry was given: a zip with another one is broken. */
    private static final class ExactLength extends FilterInputStream {

        private final long expected;
        private final String name;
        private long read;

        ExactLength(InputStream in, long expected, String name) {
            super(in);
            this.expected = expected;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                if (read != expected) {
                    throw new IOException(name + ": the deflated sheet data has " + read + " bytes, not " + expected);
                }
                return -1;
            }
            read += n;
            if (read > expected) {
                throw new IOException(name + ": the deflated sheet data has more than " + expected + " bytes");
            }
            return n;
        }
    }
}
