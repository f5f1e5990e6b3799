package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.pipelineforecast.forecast.FiscalCalendar;
import com.pipelineforecast.ingest.SourceRow;

/**
 * The deal rows of the workbook: one row per deal, every canonical column, the run's stages and weights, then
 * the export's other columns. At the sheet row limit the rows go on in {@code Deals 2}, {@code Deals 3}, …; the
 * aggregate sheets' SUMIFS/COUNTIFS formulas span all of them ({@link #sumifs}).
 */
final class DealSheets {

    static final String STATUS = "L";
    static final String CLAIMED = "I";
    static final String OWNER = "F";
    static final String TEAM = "G";
    static final String CATEGORY = "K";
    static final String AMOUNT_REPORTING = "P";
    static final String PERIOD = "R";
    static final String CLOSE_DATE = "Q";
    static final String FISCAL_YEAR = "AC";
    static final String WEIGHTED = "X";
    static final String ADJUSTED = "Z";
    static final String DEAL_ID = "C";

    private static final int FIXED_COLUMNS = 29;
    private static final int[] WIDTHS = {18, 7, 14, 32, 26, 18, 14, 12, 13, 13, 10, 8, 12, 8, 15, 16, 11, 12, 11, 11,
        8, 9, 9, 16, 9, 16, 8, 10, 10};

    private final List<String> sheetNames;
    private final int rowsPerSheet;
    private final CellWriter cells;
    private final FiscalCalendar calendar;
    private final LocalDate runDate;
    private final String reportingCurrency;
    private final Map<String, List<String>> exportHeadersByFile;
    private final List<String> exportHeaders = new ArrayList<>();
    private final Map<String, int[]> exportColumnsByFile = new LinkedHashMap<>();

    private SXSSFSheet sheet;
    private int sheetIndex = -1;
    private int rowIndex;

    DealSheets(long deals, int rowsPerSheet, CellWriter cells, FiscalCalendar calendar, LocalDate runDate,
            String reportingCurrency, Map<String, List<String>> exportHeadersByFile) {
        this.rowsPerSheet = rowsPerSheet;
        this.cells = cells;
        this.calendar = calendar;
        this.runDate = runDate;
        this.reportingCurrency = reportingCurrency;
        this.exportHeadersByFile = exportHeadersByFile;
        long sheets = Math.max(1, (deals + rowsPerSheet - 1) / rowsPerSheet);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= sheets; i++) {
            names.add(i == 1 ? "Deals" : "Deals " + i);
        }
        this.sheetNames = List.copyOf(names);
        // one column per distinct header across the files, in the order first seen
        // (indexed, so that an export of 20,000 columns does not take 20,000² comparisons)
        Map<String, Integer> firstIndex = new java.util.HashMap<>();
        exportHeadersByFile.forEach((file, headers) -> {
            int[] columns = new int[headers.size()];
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int i = 0; i < headers.size(); i++) {
                Integer index = firstIndex.get(headers.get(i));
                if (index == null || used.contains(index)) {
                    exportHeaders.add(headers.get(i));
                    index = exportHeaders.size() - 1;
                    firstIndex.putIfAbsent(headers.get(i), index);
                }
                used.add(index);
                columns[i] = FIXED_COLUMNS + index;
            }
            exportColumnsByFile.put(file, columns);
        });
    }

    List<String> sheetNames() {
        return sheetNames;
    }

    /** Creates the deal sheets, empty, so that they exist (in order) before any formula names them. */
    void create(SXSSFWorkbook workbook) {
        sheetNames.forEach(workbook::createSheet);
    }

    void write(SXSSFWorkbook workbook, ResultSet rs) throws SQLException {
        if (sheet == null || rowIndex > rowsPerSheet) {
            finishSheet();
            sheet = workbook.getSheet(sheetNames.get(++sheetIndex));
            cells.header(sheet, 0, headers(), widths());
            rowIndex = 1;
        }
        writeDeal(sheet.createRow(rowIndex++), rs);
    }

    /** Sets the autofilter of the sheet being written; call once after the last deal. */
    void finishSheet() {
        if (sheet != null) {
            cells.autoFilter(sheet, 0, rowIndex - 1, FIXED_COLUMNS + exportHeaders.size());
        }
    }

    /** A header on a sheet that received no deal (no deals at all). */
    void headerOnly(SXSSFWorkbook workbook) {
        if (sheet == null) {
            sheet = workbook.getSheet(sheetNames.get(0));
            cells.header(sheet, 0, headers(), widths());
            rowIndex = 1;
        }
    }

    private String[] headers() {
        List<String> headers = new ArrayList<>(List.of("File", "Line", "Deal ID", "Deal name", "Account", "Owner",
                "Team", "Account type", "Claimed stage", "Evidenced stage", "Category", "Status", "CRM category",
                "Currency", "Amount", "Amount (" + reportingCurrency + ")", "Close date", "Period", "Created date",
                "In stage since", "Days in stage", "CRM probability", "Probability", "Weighted as reported",
                "Evidenced probability", "Weighted checklist-adjusted", "Findings", "Close month", "Fiscal year"));
        headers.addAll(exportHeaders);
        return headers.toArray(String[]::new);
    }

    private int[] widths() {
        int[] widths = java.util.Arrays.copyOf(WIDTHS, FIXED_COLUMNS + exportHeaders.size());
        for (int i = FIXED_COLUMNS; i < widths.length; i++) {
            widths[i] = Math.max(10, Math.min(30, exportHeaders.get(i - FIXED_COLUMNS).length() + 2));
        }
        return widths;
    }

    private void writeDeal(Row row, ResultSet rs) throws SQLException {
        int r = row.getRowNum() + 1;
        String file = rs.getString("file_name");
        boolean open = rs.getBoolean("is_open");
        boolean lead = rs.getBoolean("is_lead");
        String status = lead ? "lead" : open ? "open" : rs.getBoolean("is_won") ? "won" : "lost";
        LocalDate close = localDate(rs.getDate("close_date"));
        LocalDate stageSince = localDate(rs.getDate("stage_since"));
        cells.text(row, 0, file);
        cells.count(row, 1, rs.getInt("line_no"));
        cells.text(row, 2, rs.getString("deal_id"));
        cells.text(row, 3, rs.getString("deal_name"));
        cells.text(row, 4, rs.getString("account"));
        cells.text(row, 5, rs.getString("owner_name"));
        cells.text(row, 6, rs.getString("team"));
        cells.text(row, 7, rs.getString("account_type"));
        cells.text(row, 8, rs.getString("claimed_stage"));
        cells.text(row, 9, rs.getString("evidenced_stage"));
        cells.text(row, 10, rs.getString("category"));
        cells.text(row, 11, status);
        cells.text(row, 12, rs.getString("crm_forecast_category"));
        String currency = rs.getString("currency");
        cells.text(row, 13, currency);
        cells.money(row, 14, rs.getBigDecimal("amount"), currency);
        cells.money(row, 15, rs.getBigDecimal("amount_reporting"));
        cells.date(row, 16, close);
        cells.text(row, 17, lead ? null : calendar.period(close, runDate, open));
        cells.date(row, 18, localDate(rs.getDate("created_date")));
        cells.date(row, 19, stageSince);
        if (stageSince != null && open) {
            cells.count(row, 20, Math.max(0, runDate.toEpochDay() - stageSince.toEpochDay()));
        }
        cells.percent(row, 21, rs.getBigDecimal("crm_probability"));
        cells.percent(row, 22, rs.getBigDecimal("probability"));
        cells.formula(row, 23, weight(r, "W"), rs.getBigDecimal("weighted_reported"), CellWriter.Kind.MONEY);
        cells.percent(row, 24, rs.getBigDecimal("evidenced_probability"));
        cells.formula(row, 25, weight(r, "Y"), rs.getBigDecimal("weighted_adjusted"), CellWriter.Kind.MONEY);
        cells.count(row, 26, rs.getInt("finding_count"));
        if (close != null) {
            cells.text(row, 27, close.toString().substring(0, 7));
            cells.text(row, 28, "FY" + calendar.fiscalYear(close));
        }
        String exported = rs.getString("export_values");
        int[] columns = exportColumnsByFile.get(file);
        if (exported != null && columns != null) {
            String[] values = exported.split(String.valueOf(SourceRow.EXPORT_SEPARATOR), -1);
            for (int i = 0; i < values.length && i < columns.length; i++) {
                cells.text(row, columns[i], values[i]);
            }
        }
    }

    /** A deal's weight: its amount in the reporting currency times a probability, to the cent; leads weigh 0. */
    private static String weight(int r, String probabilityColumn) {
        return "IF(" + STATUS + r + "=\"lead\",0,ROUND(" + AMOUNT_REPORTING + r + "*" + probabilityColumn + r + ",2))";
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    /** SUMIFS over every deal sheet: {@code criteria} alternate a column letter and a criterion expression. */
    String sumifs(String sumColumn, String... criteria) {
        return spanning("SUMIFS(", sumColumn, criteria);
    }

    String countifs(String... criteria) {
        return spanning("COUNTIFS(", null, criteria);
    }

    private String spanning(String function, String sumColumn, String[] criteria) {
        StringBuilder formula = new StringBuilder();
        for (String name : sheetNames) {
            String ref = "'" + name + "'!";
            if (formula.length() > 0) {
                formula.append('+');
            }
            formula.append(function);
            if (sumColumn != null) {
                formula.append(ref).append(sumColumn).append(':').append(sumColumn).append(',');
            }
            for (int i = 0; i < criteria.length; i += 2) {
                if (i > 0) {
                    formula.append(',');
                }
                formula.append(ref).append(criteria[i]).append(':').append(criteria[i]).append(',')
                        .append(criteria[i + 1]);
            }
            formula.append(')');
        }
        return formula.toString();
    }

    /** A criterion on a date column: on or after the date. */
    static String onOrAfter(java.time.LocalDate date) {
        return "\">=\"&" + excelDate(date);
    }

    /** A criterion on a date column: before the date. */
    static String before(java.time.LocalDate date) {
        return "\"<\"&" + excelDate(date);
    }

    private static String excelDate(java.time.LocalDate date) {
        return "DATE(" + date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + ")";
    }

    /** A criterion that matches exactly this text (SUMIFS reads * ? ~ as wildcards and a leading = < > as operators). */
    static String exactly(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        String escaped = value.replace("~", "~~").replace("*", "~*").replace("?", "~?");
        return "\"=" + escaped.replace("\"", "\"\"") + "\"";
    }

    /** The criterion for a label written in {@code cell}: the cell itself when its text means only itself. */
    static String criterion(String value, String cell) {
        return value != null && value.matches("[\\p{L}][\\p{L}\\p{N} _.,&()/'-]*") ? cell : exactly(value);
    }

    static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
