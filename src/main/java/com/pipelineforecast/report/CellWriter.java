package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTable;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTableColumns;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTableStyleInfo;

/**
 * Writes typed cells into a streamed workbook with styles created once (Excel limits their number): real dates,
 * amounts in their currency's format, probabilities as percentages, and text that is always text. Also what makes
 * a sheet usable as it is: Excel tables over its rows ({@link #table}) and its print setup ({@link #printSetup}).
 */
final class CellWriter {

    /** The style of every table: banded rows, header and filter buttons. */
    static final String TABLE_STYLE = "TableStyleMedium2";
    /** A done checklist item. */
    static final String CHECK = "\u2713";

    private final SXSSFWorkbook workbook;
    private final String reportingCurrency;
    private final CellStyle header;
    private final CellStyle percent;
    private final CellStyle date;
    /** Excel's limits: characters in a cell, columns in a sheet (columns beyond it are left out). */
    static final int MAX_CELL_TEXT = 32_767;
    static final int MAX_COLUMNS = 16_384;

    private TextCuts cuts = new TextCuts();
    private static final int SIZED_COLUMNS = 512;

    private final CellStyle bold;
    private final CellStyle boldMoney;
    private final CellStyle quotedText;
    private final CellStyle plain;
    private final CellStyle rate;
    private final CellStyle ratio;
    private final CellStyle check;
    private final Map<String, CellStyle> moneyByCurrency = new HashMap<>();
    /** Header labels by sheet and row, for the tables over them (a streamed header row is gone from memory). */
    private final Map<String, String[]> headerLabels = new HashMap<>();
    private final Set<String> tableNames = new HashSet<>();
    private final Set<String> printReady = new HashSet<>();

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
        rate = workbook.createCellStyle();
        rate.setDataFormat(workbook.createDataFormat().getFormat("0.0000######"));
        ratio = workbook.createCellStyle();
        ratio.setDataFormat(workbook.createDataFormat().getFormat("0.00\"x\""));
        check = workbook.createCellStyle();
        check.setAlignment(HorizontalAlignment.CENTER);
    }

    /**
     * A sheet's header row, frozen, with fixed column widths (in characters); the sheet gets its print setup with
     * the rows down to this one repeated on every page.
     */
    void header(Sheet sheet, int rowIndex, String[] labels, int[] widths) {
        tableHeader(sheet, rowIndex, labels);
        sheet.createFreezePane(0, rowIndex + 1);
        // widths of the first columns only: POI sets each in time growing with the columns already set
        for (int i = 0; i < Math.min(widths.length, SIZED_COLUMNS); i++) {
            sheet.setColumnWidth(i, Math.min(255, widths[i]) * 256);
        }
        printSetup(sheet, rowIndex + 1);
    }

    /** The header row of a further table on a sheet: styled, neither frozen nor sized. */
    void tableHeader(Sheet sheet, int rowIndex, String[] labels) {
        Row row = sheet.createRow(rowIndex);
        if (labels.length > MAX_COLUMNS) {
            cuts.workbookColumns(labels.length - MAX_COLUMNS);
        }
        for (int i = 0; i < Math.min(labels.length, MAX_COLUMNS); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(counted(labels[i]));
            cell.setCellStyle(header);
        }
        headerLabels.put(sheet.getSheetName() + "!" + rowIndex, labels.clone());
    }

    /** A filter over rows that are not a table (a sheet has one; a table brings its own). */
    void autoFilter(Sheet sheet, int headerRow, int lastRow, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(lastRow, headerRow), 0,
                Math.min(columns, MAX_COLUMNS) - 1));
    }

    /**
     * Makes the rows from a header row written by {@link #header} or {@link #tableHeader} down to {@code lastRow}
     * an Excel table (named, banded, with its own filter buttons) over columns A to {@code lastColumn}. Without data
     * rows the table keeps one empty row, as Excel makes it. The header labels must be unique (ignoring case) and
     * not blank: they are the table's column names ({@link #uniqueLabels} makes them so). The name is made a valid,
     * unique table name ({@code "Deals 2"} becomes {@code Deals_2}). Do not also give the sheet an
     * {@link #autoFilter}.
     *
     * @return the table's name
     */
    String table(Sheet sheet, String name, int firstRow, int lastRow, int lastColumn) {
        String[] labels = headerLabels.get(sheet.getSheetName() + "!" + firstRow);
        if (labels == null || labels.length <= lastColumn) {
            throw new IllegalArgumentException("no header of " + (lastColumn + 1) + " columns in row "
                    + (firstRow + 1) + " of sheet " + sheet.getSheetName());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i <= lastColumn; i++) {
            if (labels[i] == null || labels[i].isBlank() || !seen.add(labels[i].toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("sheet " + sheet.getSheetName() + ", column " + (i + 1)
                        + ": a table's header must be unique and not blank: '" + labels[i] + "'");
            }
        }
        int last = Math.max(lastRow, firstRow + 1);
        String ref = new AreaReference(new CellReference(firstRow, 0), new CellReference(last, lastColumn),
                SpreadsheetVersion.EXCEL2007).formatAsString();
        XSSFSheet xssf = workbook.getXSSFWorkbook().getSheet(sheet.getSheetName());
        XSSFTable table = xssf.createTable(null);
        String tableName = tableName(name);
        CTTable ct = table.getCTTable();
        ct.setName(tableName);
        ct.setDisplayName(tableName);
        ct.setRef(ref);
        ct.setTotalsRowShown(false);
        ct.addNewAutoFilter().setRef(ref);
        // the streamed header cells are not in the XSSF sheet, so the column names are set here, from the labels
        CTTableColumns columns = ct.addNewTableColumns();
        for (int i = 0; i <= lastColumn; i++) {
            var column = columns.addNewTableColumn();
            column.setId(i + 1);
            column.setName(labels[i]);
        }
        columns.setCount(lastColumn + 1);
        CTTableStyleInfo style = ct.addNewTableStyleInfo();
        style.setName(TABLE_STYLE);
        style.setShowRowStripes(true);
        style.setShowColumnStripes(false);
        style.setShowFirstColumn(false);
        style.setShowLastColumn(false);
        table.updateReferences();
        return tableName;
    }

    /** A valid table name from {@code wanted}, unique in the workbook: letters, digits, underscores and periods. */
    private String tableName(String wanted) {
        StringBuilder base = new StringBuilder();
        wanted.codePoints().forEach(c -> base.appendCodePoint(Character.isLetterOrDigit(c) || c == '.' ? c : '_'));
        if (base.length() == 0 || !(Character.isLetter(base.codePointAt(0)) || base.charAt(0) == '_')) {
            base.insert(0, "T_");
        }
        // a name that reads as a cell reference (A1, R1C1, R, C) is not a name
        if (base.toString().matches("(?i)[a-z]{1,3}\\d+|r\\d*c?\\d*|c\\d*")) {
            base.insert(0, "T_");
        }
        String name = base.length() > 250 ? base.substring(0, 250) : base.toString();
        String candidate = name;
        for (int n = 2; !tableNames.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    /**
     * Header labels a table can take: line breaks and tabs as spaces, at most 255 characters, a blank one named
     * after its column ({@code Column 7}), and a label met before (ignoring case) numbered ({@code Notes (2)}).
     */
    static String[] uniqueLabels(List<String> labels) {
        List<String> unique = new ArrayList<>(labels.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i) == null ? "" : labels.get(i).replaceAll("\\p{Cntrl}", " ").strip();
            if (label.length() > 255) {
                label = label.substring(0, 255).strip();
            }
            if (label.isEmpty()) {
                label = "Column " + (i + 1);
            }
            String candidate = label;
            for (int n = 2; !seen.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                String suffix = " (" + n + ")";
                candidate = (label.length() + suffix.length() > 255 ? label.substring(0, 255 - suffix.length())
                        : label) + suffix;
            }
            unique.add(candidate);
        }
        return unique.toArray(String[]::new);
    }

    /**
     * Print setup: landscape, every column on one page width (as many pages down as it takes), the first
     * {@code headerRows} rows repeated on every page, the sheet name and page number in the footer.
     */
    void printSetup(Sheet sheet, int headerRows) {
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
        sheet.getFooter().setCenter("&A \u2013 page &P of &N");
        printReady.add(sheet.getSheetName());
    }

    /** The print setup of every sheet that has none yet, with its first row repeated. */
    void printSetupRest(SXSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            if (!printReady.contains(sheet.getSheetName())) {
                printSetup(sheet, 1);
            }
        }
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
        cell.setCellValue(counted(value));
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

    /** {@link #fitted}, counting the texts cut ({@link TextCuts}). */
    private String counted(String value) {
        if (value != null && value.length() > MAX_CELL_TEXT) {
            cuts.workbookText();
        }
        return fitted(value);
    }

    /** Where the texts cut and the columns left out are counted. */
    void countCutsIn(TextCuts target) {
        this.cuts = target;
    }

    static boolean looksLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    void boldText(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(counted(value));
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

    /** An exchange rate: units of the reporting currency per unit, to the precision it has. */
    void rate(Row row, int column, BigDecimal value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(rate);
        }
    }

    /** A done checklist item: the check mark. */
    void check(Row row, int column) {
        Cell cell = row.createCell(column);
        cell.setCellValue(CHECK);
        cell.setCellStyle(check);
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
            case RATIO -> cell.setCellStyle(ratio);
            case COUNT -> cell.setCellStyle(plain);
        }
    }

    /** A formula whose value is text (or, for a ratio, text in one case), with that text cached. */
    void formula(Row row, int column, String formula, String cached, Kind kind) {
        Cell cell = row.createCell(column);
        cell.setCellFormula(formula);
        cell.setCellValue(cached);
        cell.setCellStyle(kind == Kind.RATIO ? ratio : plain);
    }

    enum Kind { COUNT, MONEY, BOLD_MONEY, BOLD_COUNT, PERCENT, RATIO }

    /** The cells of one row, by column: what the methods above write, on a POI row or straight as sheet XML. */
    interface RowCells {
        void text(int column, String value);

        void count(int column, long value);

        void money(int column, BigDecimal value, String currency);

        void rate(int column, BigDecimal value);

        void percent(int column, BigDecimal value);

        void check(int column);

        void date(int column, LocalDate value);

        /** A formula with a numeric value cached, styled as {@code kind}. */
        void formula(int column, String formula, BigDecimal cached, Kind kind);

        /** The row is written: the texts it cut are counted ({@link TextCuts}). */
        default void rowWritten() {
        }
    }

    /**
     * Writes row {@code r} of a sheet with {@code write}: straight as XML through {@code xmlCells}, the sheet's
     * ({@link #xmlCells}), else through a POI row, as is a row with a value the XML path does not write
     * ({@link NotANumber}). The rows POI holds (a header) are written first.
     */
    void row(SXSSFSheet sheet, int r, XmlCells xmlCells, Consumer<RowCells> write) {
        if (xmlCells != null) {
            try {
                sheet.flushRows();
                xmlCells.writer.startRow(r);
                write.accept(xmlCells);
                xmlCells.writer.endRow();
                xmlCells.rowWritten();
                return;
            } catch (NotANumber infinite) {
                // a value POI writes as an error cell: this row goes through POI
                xmlCells.rowAbandoned();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        write.accept(on(sheet.createRow(r)));
    }

    /**
     * The cells of a sheet whose writer takes rows straight as XML ({@link PipelineWorkbook#sheetXml}), for
     * {@link #row}; null for another sheet. Looked up once per sheet.
     */
    XmlCells xmlCells(SXSSFSheet sheet) {
        SheetXmlWriter writer = workbook instanceof PipelineWorkbook pipeline ? pipeline.sheetXml(sheet) : null;
        return writer == null ? null : on(writer);
    }

    /** The cells of a POI row. */
    RowCells on(Row row) {
        return new RowCells() {
            @Override
            public void text(int column, String value) {
                CellWriter.this.text(row, column, value);
            }

            @Override
            public void count(int column, long value) {
                CellWriter.this.count(row, column, value);
            }

            @Override
            public void money(int column, BigDecimal value, String currency) {
                CellWriter.this.money(row, column, value, currency);
            }

            @Override
            public void rate(int column, BigDecimal value) {
                CellWriter.this.rate(row, column, value);
            }

            @Override
            public void percent(int column, BigDecimal value) {
                CellWriter.this.percent(row, column, value);
            }

            @Override
            public void check(int column) {
                CellWriter.this.check(row, column);
            }

            @Override
            public void date(int column, LocalDate value) {
                CellWriter.this.date(row, column, value);
            }

            @Override
            public void formula(int column, String formula, BigDecimal cached, Kind kind) {
                CellWriter.this.formula(row, column, formula, cached, kind);
            }
        };
    }

    /**
     * The cells of the row being written straight into a sheet's XML ({@link SheetXmlWriter#startRow}): the same
     * values, types and styles as on a POI row. A number a cell cannot hold as a number (infinite: POI would make it
     * an error cell) throws {@link NotANumber} before anything is written, so that the row is written on the POI
     * path instead.
     */
    XmlCells on(SheetXmlWriter writer) {
        return new XmlCells(writer);
    }

    /** A value the straight XML path does not write: see {@link #on(SheetXmlWriter)}. */
    static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    final class XmlCells implements RowCells {
        private final SheetXmlWriter writer;
        private final boolean date1904 = workbook.getXSSFWorkbook().isDate1904();
        /** Excel day numbers by epoch day, for the dates met. */
        private final Map<Long, Double> days = new HashMap<>();
        /** Texts cut in the row being written, counted once it is written. */
        private int cut;

        XmlCells(SheetXmlWriter writer) {
            this.writer = writer;
        }

        @Override
        public void text(int column, String value) {
            if (value == null || value.isEmpty() || column >= MAX_COLUMNS) {
                return;
            }
            if (value.length() > MAX_CELL_TEXT) {
                cut++;
            }
            writer.textCell(column, fitted(value), (looksLikeFormula(value) ? quotedText : plain).getIndex());
        }

        @Override
        public void rowWritten() {
            for (; cut > 0; cut--) {
                cuts.workbookText();
            }
        }

        /** Forgets the texts cut in a row that was not written. */
        void rowAbandoned() {
            cut = 0;
        }

        @Override
        public void count(int column, long value) {
            number(column, value, plain);
        }

        @Override
        public void money(int column, BigDecimal value, String currency) {
            if (value != null) {
                number(column, value.doubleValue(), CellWriter.this.money(currency));
            }
        }

        @Override
        public void rate(int column, BigDecimal value) {
            if (value != null) {
                number(column, value.doubleValue(), rate);
            }
        }

        @Override
        public void percent(int column, BigDecimal value) {
            if (value != null) {
                number(column, value.doubleValue(), percent);
            }
        }

        @Override
        public void check(int column) {
            writer.textCell(column, CHECK, check.getIndex());
        }

        @Override
        public void date(int column, LocalDate value) {
            if (value != null) {
                double day = days.computeIfAbsent(value.toEpochDay(),
                        d -> org.apache.poi.ss.usermodel.DateUtil.getExcelDate(value.atStartOfDay(), date1904));
                number(column, day, date);
            }
        }

        @Override
        public void formula(int column, String formula, BigDecimal cached, Kind kind) {
            double value = cached == null ? 0 : cached.doubleValue();
            if (!Double.isFinite(value)) {
                throw new NotANumber();
            }
            CellStyle style = switch (kind) {
                case MONEY -> CellWriter.this.money(reportingCurrency);
                case BOLD_MONEY -> boldMoney;
                case BOLD_COUNT -> bold;
                case PERCENT -> percent;
                case RATIO -> ratio;
                case COUNT -> plain;
            };
            writer.formulaCell(column, formula, value, style.getIndex());
        }

        private void number(int column, double value, CellStyle style) {
            if (!Double.isFinite(value)) {
                throw new NotANumber();
            }
            writer.numberCell(column, value, style.getIndex());
        }
    }

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
