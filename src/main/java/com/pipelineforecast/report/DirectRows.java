package com.pipelineforecast.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.apache.poi.ss.util.CellReference;

/**
 * Sheet rows built as UTF-8 XML in one reusable byte buffer, for {@link SheetXmlWriter#startRow}: the bytes POI's
 * writer (and {@link SheetXmlWriter#writeCell}) produce for a row of the same cells, to the byte. Text is escaped
 * as POI escapes it and encoded as {@code OutputStreamWriter} encodes it (a lone surrogate as {@code ?}); numbers
 * are {@link Double#toString}, remembered for values met again.
 */
final class DirectRows {

    private static final byte[] ROW_END = ascii("</row>\n");
    private static final byte[] INLINE = ascii(" t=\"inlineStr\"><is><t");
    private static final byte[] PRESERVE = ascii(" xml:space=\"preserve\"");
    private static final byte[] INLINE_END = ascii("</t></is></c>");
    private static final byte[] NUMBER = ascii(" t=\"n\"><v>");
    private static final byte[] VALUE_END = ascii("</v></c>");
    private static final byte[] FORMULA = ascii(" t=\"n\"><f>");
    private static final byte[] FORMULA_END = ascii("</f>");
    private static final byte[] VALUE = ascii("<v>");
    private static final byte[] CELL_END = ascii("</c>");
    private static final int NUMBERS = 1 << 12;

    int rownum;
    /** The first and last column of the row's cells (MAX_VALUE and -1 without cells). */
    int rowFirstColumn;
    int rowLastColumn;

    private byte[] buffer = new byte[8192];
    private int length;
    /** Where the cells begin: after the row's start tag. */
    private int cellsStart;
    private byte[] rowDigits = new byte[0];
    private int[] cellColumns = new int[128];
    private int[] cellStarts = new int[128];
    private int cells;
    private boolean ordered;
    private byte[] reordered = new byte[0];
    private byte[][] columnLetters = new byte[64][];
    private byte[][] styleAttributes = new byte[64][];
    /** Double.toString of values met, by a hash of their bits; a slot holds the last value that fell in it. */
    private final long[] numberBits = new long[NUMBERS];
    private final byte[][] numberText = new byte[NUMBERS][];

    void start(int rownum) {
        this.rownum = rownum;
        rowDigits = ascii(Integer.toString(rownum + 1));
        length = 0;
        cells = 0;
        ordered = true;
        rowFirstColumn = Integer.MAX_VALUE;
        rowLastColumn = -1;
        append("<row r=\"");
        append(rowDigits);
        append("\">\n");
        cellsStart = length;
    }

    void text(int column, String value, int style) {
        begin(column, style);
        append(INLINE);
        if (value != null && !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)))) {
            append(PRESERVE);
        }
        put((byte) '>');
        escaped(value);
        append(INLINE_END);
    }

    void number(int column, double value, int style) {
        begin(column, style);
        append(NUMBER);
        append(number(value));
        append(VALUE_END);
    }

    void formula(int column, String formula, double cached, int style) {
        begin(column, style);
        append(FORMULA);
        escaped(formula);
        append(FORMULA_END);
        if (!Double.isNaN(cached)) {
            append(VALUE);
            append(number(cached));
            append(VALUE_END);
        } else {
            append(CELL_END);
        }
    }

    /** Writes the row, its cells in column order (a later cell in a column replaces an earlier one, as in POI). */
    void end(OutputStream out) throws IOException {
        if (ordered) {
            append(ROW_END);
            out.write(buffer, 0, length);
            return;
        }
        Integer[] order = new Integer[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
        }
        // stable: of two cells in one column the later comes last, and only it is kept
        Arrays.sort(order, (a, b) -> Integer.compare(cellColumns[a], cellColumns[b]));
        int size = length + ROW_END.length;
        if (reordered.length < size) {
            reordered = new byte[Math.max(size, 2 * reordered.length)];
        }
        System.arraycopy(buffer, 0, reordered, 0, cellsStart);
        int at = cellsStart;
        for (int k = 0; k < cells; k++) {
            int i = order[k];
            if (k + 1 < cells && cellColumns[order[k + 1]] == cellColumns[i]) {
                continue;
            }
            int from = cellStarts[i];
            int to = i + 1 < cells ? cellStarts[i + 1] : length;
            System.arraycopy(buffer, from, reordered, at, to - from);
            at += to - from;
        }
        System.arraycopy(ROW_END, 0, reordered, at, ROW_END.length);
        out.write(reordered, 0, at + ROW_END.length);
    }

    private void begin(int column, int style) {
        if (cells == cellColumns.length) {
            cellColumns = Arrays.copyOf(cellColumns, 2 * cells);
            cellStarts = Arrays.copyOf(cellStarts, 2 * cells);
        }
        if (cells > 0 && column <= cellColumns[cells - 1]) {
            ordered = false;
        }
        cellColumns[cells] = column;
        cellStarts[cells++] = length;
        rowFirstColumn = Math.min(rowFirstColumn, column);
        rowLastColumn = Math.max(rowLastColumn, column);
        append("<c r=\"");
        append(letters(column));
        append(rowDigits);
        put((byte) '"');
        if (style != 0) {
            append(styleAttribute(style));
        }
    }

    /** {@link Double#toString} as ASCII bytes: whole numbers below 10^7 directly, others remembered. */
    private byte[] number(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long h = bits * 0x9E3779B97F4A7C15L;
        int slot = (int) (h >>> 52) & (NUMBERS - 1);
        byte[] text = numberText[slot];
        if (text != null && numberBits[slot] == bits) {
            return text;
        }
        text = ascii(Double.toString(value));
        numberBits[slot] = bits;
        numberText[slot] = text;
        return text;
    }

    private byte[] letters(int column) {
        if (column >= columnLetters.length) {
            columnLetters = Arrays.copyOf(columnLetters, Math.max(column + 1, 2 * columnLetters.length));
        }
        byte[] letters = columnLetters[column];
        if (letters == null) {
            letters = ascii(CellReference.convertNumToColString(column));
            columnLetters[column] = letters;
        }
        return letters;
    }

    /**
     * POI's escaping ({@code SheetDataWriter.outputEscapedString}), encoded to UTF-8: markup characters as
     * entities, line breaks, tabs and the no-break space as character references, other control characters and
     * U+FFFE and U+FFFF as {@code ?}, a surrogate without its pair as {@code ?} (as the UTF-8 encoder replaces it).
     */
    private void escaped(String value) {
        if (value == null) {
            return;
        }
        int n = value.length();
        // at most 6 bytes a character: an entity or character reference; a surrogate pair takes 4 for two
        ensure(n * 6);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= ' ' && c < 0x80) {
                switch (c) {
                    case '<' -> raw("&lt;");
                    case '>' -> raw("&gt;");
                    case '&' -> raw("&amp;");
                    case '"' -> raw("&quot;");
                    default -> buffer[length++] = (byte) c;
                }
                continue;
            }
            if (c < ' ') {
                switch (c) {
                    case '\n' -> raw("&#xa;");
                    case '\r' -> raw("&#xd;");
                    case '\t' -> raw("&#x9;");
                    default -> buffer[length++] = '?';
                }
            } else if (c == '\u00A0') {
                raw("&#xa0;");
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    buffer[length++] = (byte) (0xF0 | cp >> 18);
                    buffer[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    buffer[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buffer[length++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    buffer[length++] = '?';
                }
            } else if (Character.isLowSurrogate(c) || c >= '\uFFFE') {
                buffer[length++] = '?';
            } else {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** The style attribute of a style index, made once. */
    private byte[] styleAttribute(int style) {
        if (style >= styleAttributes.length) {
            styleAttributes = Arrays.copyOf(styleAttributes, Math.max(style + 1, 2 * styleAttributes.length));
        }
        byte[] attribute = styleAttributes[style];
        if (attribute == null) {
            attribute = ascii(" s=\"" + style + "\"");
            styleAttributes[style] = attribute;
        }
        return attribute;
    }

    private void append(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
    }

    /** ASCII into room made already. */
    private void raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + more, 2 * buffer.length));
        }
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }
}
