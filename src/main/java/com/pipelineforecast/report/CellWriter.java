package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes typed cells into a streamed workbook with styles created once (Excel limits their number): real dates,
 * amounts in their currency's format, probabilities as percentages, and text that is always text.
 */
final class CellWriter {

    private final SXSSFWorkbook workbook;
    private final String reportingCurrency;
    private final CellStyle header;
    private final CellStyle percent;
    private final CellStyle date;
    /** Excel's limits: characters in a cell, columns in a sheet (columns beyond it are left out). */
    static final int MAX_CELL_TEXT = 32_767;
    static final int MAX_COLUMNS = 16_384;
    private static final int SIZED_COLUMNS = 512;

    private final CellStyle bold;
    private final CellStyle boldMoney;
    private final CellStyle quotedText;
    private final CellStyle plain;
    private final Map<String, CellStyle> moneyByCurrency = new HashMap<>();

    CellWriter(SXSSFWorkbook workbook, String reportingCurrency) {
        this.workbook = workbook;
        this.reportingCurrency = reportingCurrency;
        Font boldFont = workbook.createFont();
        boldFont.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(boldFont);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        percent = workbook.createCellStyle();
        percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        bold = workbook.createCellStyle();
        bold.setFont(boldFont);
        boldMoney = workbook.createCellStyle();
        boldMoney.cloneStyleFrom(money(reportingCurrency));
        boldMoney.setFont(boldFont);
        // every cell gets a style of its own: a cell without one makes SXSSF look up its column's style, a linear
        // search through the column definitions for every cell written
        plain = workbook.getCellStyleAt(0);
        quotedText = workbook.createCellStyle();
        quotedText.setQuotePrefixed(true);
    }

    /** A header row, frozen, with fixed column widths (in characters). */
    void header(Sheet sheet, int rowIndex, String[] labels, int[] widths) {
        tableHeader(sheet, rowIndex, labels);
        sheet.createFreezePane(0, rowIndex + 1);
        // widths of the first columns only: POI sets each in time growing with the columns already set
        for (int i = 0; i < Math.min(widths.length, SIZED_COLUMNS); i++) {
            sheet.setColumnWidth(i, Math.min(255, widths[i]) * 256);
        }
    }

    /** The header row of a further table on a sheet: styled, neither frozen nor sized. */
    void tableHeader(Sheet sheet, int rowIndex, String[] labels) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < Math.min(labels.length, MAX_COLUMNS); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(fitted(labels[i]));
            cell.setCellStyle(header);
        }
    }

    void autoFilter(Sheet sheet, int headerRow, int lastRow, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(lastRow, headerRow), 0,
                Math.min(columns, MAX_COLUMNS) - 1));
    }

    /**
     * Text from the input is always a string cell, so it never runs as a formula; text that a spreadsheet would
     * read as a formula on editing ({@code = + - @}, tab, carriage return) is also quote-prefixed.
     */
    void text(Row row, int column, String value) {
        if (value == null || value.isEmpty() || column >= MAX_COLUMNS) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(fitted(value));
        cell.setCellStyle(looksLikeFormula(value) ? quotedText : plain);
    }

    /**
     * A text as a cell can hold it: Excel's limit is {@value #MAX_CELL_TEXT} characters, so a longer text (whole in
     * the history and the CSV files) is cut and ends with {@code …}.
     */
    static String fitted(String value) {
        if (value == null || value.length() <= MAX_CELL_TEXT) {
            return value;
        }
        int end = MAX_CELL_TEXT - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    static boolean looksLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    void boldText(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(fitted(value));
        cell.setCellStyle(bold);
    }

    void count(Row row, int column, long value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(plain);
    }

    void money(Row row, int column, BigDecimal value) {
        money(row, column, value, reportingCurrency);
    }

    void money(Row row, int column, BigDecimal value, String currency) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(money(currency));
        }
    }

    void percent(Row row, int column, BigDecimal value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(percent);
        }
    }

    void date(Row row, int column, LocalDate value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(date);
        }
    }

    /** A formula with the value it computes cached, for viewers that do not recalculate. */
    void formula(Row row, int column, String formula, BigDecimal cached, Kind kind) {
        Cell cell = row.createCell(column);
        cell.setCellFormula(formula);
        cell.setCellValue(cached == null ? 0 : cached.doubleValue());
        switch (kind) {
            case MONEY -> cell.setCellStyle(money(reportingCurrency));
            case BOLD_MONEY -> cell.setCellStyle(boldMoney);
            case BOLD_COUNT -> cell.setCellStyle(bold);
            case PERCENT -> cell.setCellStyle(percent);
            case COUNT -> cell.setCellStyle(plain);
        }
    }

    enum Kind { COUNT, MONEY, BOLD_MONEY, BOLD_COUNT, PERCENT }

    /**
     * Amount format of a currency: its code and its usual number of decimals (the reporting currency keeps
     * cents, the precision every figure is computed to).
     */
    private CellStyle money(String currency) {
        return moneyByCurrency.computeIfAbsent(currency == null ? reportingCurrency : currency, code -> {
            int digits = 2;
            try {
                digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
                if (code.equals(reportingCurrency)) {
                    digits = Math.max(digits, 2);
                }
            } catch (IllegalArgumentException unknown) {
                // a code the JDK does not know keeps two decimals
            }
            String number = digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
            String format = number + " \"" + code + "\";-" + number + " \"" + code + "\"";
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        });
    }
}
