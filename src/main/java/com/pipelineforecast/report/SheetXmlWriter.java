package com.pipelineforecast.report;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's sheet data writer with each cell's XML built in a buffer and handed to the file writer in one call (POI
 * writes a cell piece by piece and its text character by character, each a call on a synchronized writer). The
 * XML is POI's, to the character: text cells as inline strings, numbers and cached formula results as
 * {@link Double#toString}, the same escaping. Boolean and error cells, which the workbook has none of, are left
 * to POI.
 *
 * <p>The temporary file holds the XML deflated, by a thread of its own while the rows are written
 * ({@link DeflatingSheetStream}), as a piece of raw deflate stream that the workbook copies into the xlsx without
 * deflating it again ({@link PipelineWorkbook}). Read through {@link #getWorksheetXMLInputStream} it is the XML.
 */
final class SheetXmlWriter extends SheetDataWriter {

    private final StringBuilder xml = new StringBuilder(512);
    private char[] chars = new char[512];
    /** Column letters by column index, as met. */
    private String[] columns = new String[64];
    /**
     * Set by {@link #decorateOutputStream}, which POI's constructor calls before this class's fields are
     * initialised: it must have no initialiser, or that would overwrite it with null.
     */
    private DeflatingSheetStream deflated;
    /** The rows written straight as XML ({@link #startRow}), if any; created on the first. */
    private DirectRows direct;
    /** Whether characters written through POI's writer may still be in its buffer. */
    private boolean charsPending;
    /** The rows written by either path: how many, the first and last, and the columns their cells span. */
    private int rowsWritten;
    private int firstRow = -1;
    private int lastRow = -1;
    private int firstColumn = Integer.MAX_VALUE;
    private int lastColumn = -1;
    /** The last column index plus one of the last row written, -1 without cells (as {@code Row.getLastCellNum}). */
    private int cellsOfLastRow;

    SheetXmlWriter() throws IOException {
        this(DeflatingSheetStream.BUFFER_BYTES);
    }

    /** @param bufferBytes the size of a buffer handed to the deflate thread (small ones for tests) */
    SheetXmlWriter(int bufferBytes) throws IOException {
        super();
        if (bufferBytes != DeflatingSheetStream.BUFFER_BYTES) {
            // nothing is written before POI's constructor returns, so the stream is still empty here
            deflated.bufferBytes(bufferBytes);
        }
    }

    @Override
    protected OutputStream decorateOutputStream(FileOutputStream fos) {
        deflated = new DeflatingSheetStream(fos, PipelineWorkbook.ZIP_LEVEL, DeflatingSheetStream.BUFFER_BYTES);
        return deflated;
    }

    /** The sheet data, closed: its uncompressed length, CRC-32 and deflated bytes. */
    @Override
    protected InputStream decorateInputStream(FileInputStream fis) throws IOException {
        if (!deflated.complete()) {
            fis.close();
            throw new IOException("the sheet data is not complete: its writer is open or failed");
        }
        return new Deflated(fis, deflated.length(), deflated.crc(), deflated.compressedLength());
    }

    /**
     * The sheet data as its temporary file holds it: {@link #raw} gives the deflated bytes as they are, reading
     * this stream gives the XML.
     */
    static final class Deflated extends InputStream {

        /** An empty final block: what ends the deflate stream that the file, which ends on a sync flush, begins. */
        private static final byte[] FINAL_BLOCK = {0x03, 0x00};

        private final FileInputStream file;
        private final long length;
        private final long crc;
        private final long compressedLength;
        private Inflater inflater;
        private InputStream inflated;
        private boolean rawUsed;

        Deflated(FileInputStream file, long length, long crc, long compressedLength) {
            this.file = file;
            this.length = length;
            this.crc = crc;
            this.compressedLength = compressedLength;
        }

        /** The uncompressed length of the XML. */
        long length() {
            return length;
        }

        /** The CRC-32 of the XML. */
        long crc() {
            return crc;
        }

        /** The length of the deflated bytes. */
        long compressedLength() {
            return compressedLength;
        }

        /** The deflated bytes, ending on a sync flush; either these or the XML is read, not both. */
        InputStream raw() {
            if (inflated != null) {
                throw new IllegalStateException("already read as XML");
            }
            rawUsed = true;
            return file;
        }

        @Override
        public int read() throws IOException {
            return xml().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return xml().read(b, off, len);
        }

        private InputStream xml() {
            if (inflated == null) {
                if (rawUsed) {
                    throw new IllegalStateException("already read as deflated bytes");
                }
                inflater = new Inflater(true);
                inflated = new InflaterInputStream(new SequenceInputStream(file,
                        new ByteArrayInputStream(FINAL_BLOCK)), inflater, 1 << 16);
            }
            return inflated;
        }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                if (inflater != null) {
                    inflater.end();
                }
            }
        }
    }

    @Override
    public void writeRow(int rownum, SXSSFRow row) throws IOException {
        charsPending = true;
        super.writeRow(rownum, row);
        if (row.getFirstCellNum() >= 0) {
            written(rownum, row.getFirstCellNum(), row.getLastCellNum() - 1);
        } else {
            written(rownum, Integer.MAX_VALUE, -1);
        }
    }

    private void written(int rownum, int first, int last) {
        cellsOfLastRow = last < 0 ? -1 : last + 1;
        if (rowsWritten++ == 0) {
            firstRow = rownum;
        }
        lastRow = Math.max(lastRow, rownum);
        firstColumn = Math.min(firstColumn, first);
        lastColumn = Math.max(lastColumn, last);
    }

    // What SXSSF asks its writer about the rows flushed: the rows written straight count as flushed rows.

    @Override
    public int getNumberOfFlushedRows() {
        return rowsWritten;
    }

    @Override
    public int getLowestIndexOfFlushedRows() {
        return firstRow;
    }

    @Override
    public int getLastFlushedRow() {
        return lastRow;
    }

    @Override
    public int getNumberOfCellsOfLastFlushedRow() {
        return cellsOfLastRow;
    }

    /** Whether rows were written straight as XML ({@link #startRow}). */
    boolean hasDirectRows() {
        return direct != null;
    }

    /**
     * The cells of every row written, by either path, as SXSSF derives a sheet's dimension from the cells it
     * created: first row, last row, first column, last column; null before any cell.
     */
    org.apache.poi.ss.util.CellRangeAddress dimension() {
        if (rowsWritten == 0 || lastColumn < 0) {
            return null;
        }
        return new org.apache.poi.ss.util.CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn);
    }

    /**
     * Starts a row written straight as XML, without a POI row or cells: the XML {@link #writeRow} writes for a
     * row without height, style, outline or visibility of its own holding the same cells. Its cells follow
     * ({@link #textCell}, {@link #numberCell}, {@link #formulaCell}), in any column order, then {@link #endRow}.
     * The row must come after every row written before, and the sheet's own rows must be flushed first.
     */
    void startRow(int rownum) {
        if (direct == null) {
            direct = new DirectRows();
        }
        if (rownum <= lastRow || rownum < 0) {
            throw new IllegalArgumentException("row " + rownum + " is not after the last row written, " + lastRow);
        }
        direct.start(rownum);
    }

    /** A text cell: an inline string, as {@link #writeCell} writes it. */
    void textCell(int column, String value, int style) {
        direct.text(column, value, style & 0xffff);
    }

    /** A numeric cell, its value as {@link Double#toString}. */
    void numberCell(int column, double value, int style) {
        direct.number(column, value, style & 0xffff);
    }

    /** A formula cell with a numeric cached value (none written when NaN). */
    void formulaCell(int column, String formula, double cached, int style) {
        direct.formula(column, formula, cached, style & 0xffff);
    }

    /** Ends the row started by {@link #startRow} and writes it. */
    void endRow() throws IOException {
        if (charsPending) {
            // what POI's writer holds goes first; flushing it does not flush the deflate stream
            _out.flush();
            charsPending = false;
        }
        int rownum = direct.rownum;
        direct.end(deflated);
        written(rownum, direct.rowFirstColumn, direct.rowLastColumn);
    }

    @Override
    public void writeCell(int columnIndex, Cell cell) throws IOException {
        if (cell == null) {
            return;
        }
        xml.setLength(0);
        xml.append("<c r=\"").append(column(columnIndex)).append(cell.getRowIndex() + 1).append('"');
        int style = cell.getCellStyle().getIndex() & 0xffff;
        if (style != 0) {
            xml.append(" s=\"").append(style).append('"');
        }
        switch (cell.getCellType()) {
            case BLANK -> xml.append('>');
            case NUMERIC -> xml.append(" t=\"n\"><v>").append(Double.toString(cell.getNumericCellValue()))
                    .append("</v>");
            case STRING -> inlineString(cell.getStringCellValue());
            case FORMULA -> {
                if (!formula(cell)) {
                    super.writeCell(columnIndex, cell);
                    return;
                }
            }
            default -> {
                super.writeCell(columnIndex, cell);
                return;
            }
        }
        xml.append("</c>");
        int length = xml.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        xml.getChars(0, length, chars, 0);
        _out.write(chars, 0, length);
    }

    private void inlineString(String value) {
        xml.append(" t=\"inlineStr\"><is><t");
        if (value != null && !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)))) {
            xml.append(" xml:space=\"preserve\"");
        }
        xml.append('>');
        escaped(value);
        xml.append("</t></is>");
    }

    /** A formula with a numeric or text result; false (nothing written) for another kind of result. */
    private boolean formula(Cell cell) {
        switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> {
                xml.append(" t=\"n\"><f>");
                escaped(cell.getCellFormula());
                xml.append("</f>");
                double value = cell.getNumericCellValue();
                if (!Double.isNaN(value)) {
                    xml.append("<v>").append(Double.toString(value)).append("</v>");
                }
            }
            case STRING -> {
                xml.append(" t=\"str\"><f>");
                escaped(cell.getCellFormula());
                xml.append("</f>");
                String value = cell.getStringCellValue();
                if (value != null && !value.isEmpty()) {
                    xml.append("<v>");
                    escaped(value);
                    xml.append("</v>");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * POI's escaping: markup characters as entities, line breaks, tabs and the no-break space as character
     * references, other control characters and the non-characters U+FFFE and U+FFFF as {@code ?}.
     */
    private void escaped(String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\n' -> xml.append("&#xa;");
                case '\r' -> xml.append("&#xd;");
                case '\t' -> xml.append("&#x9;");
                case '\u00A0' -> xml.append("&#xa0;");
                default -> xml.append(c < ' ' || c >= '\uFFFE' ? '?' : c);
            }
        }
    }

    private String column(int index) {
        if (index >= columns.length) {
            columns = Arrays.copyOf(columns, Math.max(index + 1, 2 * columns.length));
        }
        String letters = columns[index];
        if (letters == null) {
            letters = CellReference.convertNumToColString(index);
            columns[index] = letters;
        }
        return letters;
    }
}
