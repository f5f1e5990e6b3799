package com.pipelineforecast.report;

import java.io.IOException;
import java.util.Arrays;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's sheet data writer with each cell's XML built in a buffer and handed to the file writer in one call (POI
 * writes a cell piece by piece and its text character by character, each a call on a synchronized writer). The
 * XML is POI's, to the character: text cells as inline strings, numbers and cached formula results as
 * {@link Double#toString}, the same escaping. Boolean and error cells, which the workbook has none of, are left
 * to POI.
 */
final class SheetXmlWriter extends SheetDataWriter {

    private final StringBuilder xml = new StringBuilder(512);
    private char[] chars = new char[512];
    /** Column letters by column index, as met. */
    private String[] columns = new String[64];

    SheetXmlWriter() throws IOException {
        super();
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
