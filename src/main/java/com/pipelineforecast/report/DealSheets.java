package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.history.DealSnapshotRepository.DealRow;
import com.pipelineforecast.ingest.SourceRow;
import com.pipelineforecast.validation.ChecklistChecker;

/**
 * The deal rows of the workbook: one row per deal, every canonical column, the run's stages and weights, then
 * the export's other columns. At the sheet row limit the rows go on in {@code Deals 2}, {@code Deals 3}, …; the
 * aggregate sheets' SUMIFS/COUNTIFS formulas span all of them ({@link #sumifs}). Each sheet's rows are an Excel
 * table ({@code Deals}, {@code Deals_2}, …). Beside each amount converted to the reporting currency is the rate it
 * was converted with; each checklist item an export carries gets a normalised column (done ✓, the date it was done,
 * or blank) while the export's own column keeps the raw value.
 */
final class DealSheets {

    static final String STATUS = "L";
    static final String CLAIMED = "I";
    static final String OWNER = "F";
    static final String TEAM = "G";
    static final String CATEGORY = "K";
    static final String AMOUNT_REPORTING = "Q";
    static final String PERIOD = "S";
    static final String CLOSE_DATE = "R";
    static final String FISCAL_YEAR = "AD";
    static final String WEIGHTED = "Y";
    static final String ADJUSTED = "AA";
    static final String DEAL_ID = "C";
    private static final String PROBABILITY = "X";
    private static final String EVIDENCED_PROBABILITY = "Z";

    /** The heading of a normalised checklist column: the item id after it. */
    static final String CHECKLIST_PREFIX = "Checklist: ";

    /** The deal sheet's own columns, up to the stage as exported. */
    private static final int BASE_COLUMNS = 31;
    /** Where the name keys go when a run has them ({@link #nameKeys}): right after the base columns. */
    static final String OWNER_KEY = org.apache.poi.ss.util.CellReference.convertNumToColString(BASE_COLUMNS);
    static final String TEAM_KEY = org.apache.poi.ss.util.CellReference.convertNumToColString(BASE_COLUMNS + 1);
    /** Excel's longest criterion of SUMIFS and COUNTIFS: a longer one is answered with #VALUE!. */
    static final int CRITERION_LIMIT = 255;
    private static final int[] WIDTHS = {18, 7, 14, 32, 26, 18, 14, 12, 13, 13, 10, 8, 12, 8, 15, 11, 16, 11, 12, 11,
        11, 8, 9, 9, 16, 9, 16, 8, 10, 10, 16};

    private final List<String> sheetNames;
    private final int rowsPerSheet;
    /** Columns before the checklist columns: the base columns, then the owner and team keys when present. */
    private final int fixedColumns;
    private final boolean nameKeys;
    private final CellWriter cells;
    private final FiscalCalendar calendar;
    private final LocalDate runDate;
    private final String reportingCurrency;
    private final Map<String, BigDecimal> fxRates;
    private final List<String> exportHeaders = new ArrayList<>();
    private final Map<String, int[]> exportColumnsByFile = new LinkedHashMap<>();
    /** The checklist items some export carries: one normalised column each, after the fixed columns. */
    private final List<String> checklistItems = new ArrayList<>();
    /** Per file: the checklist column's index among its export values (-1 when none), then each item's (-1). */
    private final Map<String, int[]> checklistColumnsByFile = new LinkedHashMap<>();
    private final String[] headers;

    private SXSSFSheet sheet;
    /** The sheet's cells written straight as XML, or null: its rows go through POI. */
    private CellWriter.XmlCells xmlCells;
    private int sheetIndex = -1;
    private int rowIndex;
    private boolean direct = true;

    DealSheets(long deals, int rowsPerSheet, CellWriter cells, FiscalCalendar calendar, LocalDate runDate,
            String reportingCurrency, Map<String, List<String>> exportHeadersByFile, WorkbookInputs inputs,
            boolean nameKeys) {
        this.rowsPerSheet = rowsPerSheet;
        this.nameKeys = nameKeys;
        this.fixedColumns = BASE_COLUMNS + (nameKeys ? 2 : 0);
        this.cells = cells;
        this.calendar = calendar;
        this.runDate = runDate;
        this.reportingCurrency = reportingCurrency;
        this.fxRates = inputs.fxRates();
        long sheets = Math.max(1, (deals + rowsPerSheet - 1) / rowsPerSheet);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= sheets; i++) {
            names.add(i == 1 ? "Deals" : "Deals " + i);
        }
        this.sheetNames = List.copyOf(names);
        Map<String, WorkbookInputs.ExportChecklist> checklists = inputs.checklistByFile();
        for (String item : inputs.checklistItems()) {
            if (exportHeadersByFile.keySet().stream().map(checklists::get)
                    .anyMatch(c -> c != null && c.carries(item))) {
                checklistItems.add(item);
            }
        }
        int firstExport = fixedColumns + checklistItems.size();
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
                columns[i] = firstExport + index;
            }
            exportColumnsByFile.put(file, columns);
            WorkbookInputs.ExportChecklist checklist = checklists.get(file);
            if (checklist != null) {
                int[] itemColumns = new int[1 + checklistItems.size()];
                itemColumns[0] = checklist.listColumn();
                for (int k = 0; k < checklistItems.size(); k++) {
                    itemColumns[1 + k] = checklist.itemByColumn().indexOf(checklistItems.get(k));
                }
                checklistColumnsByFile.put(file, itemColumns);
            }
        });
        List<String> labels = new ArrayList<>(List.of("File", "Line", "Deal ID", "Deal name", "Account", "Owner",
                "Team", "Account type", "Claimed stage", "Evidenced stage", "Category", "Status", "CRM category",
                "Currency", "Amount", "FX rate to " + reportingCurrency, "Amount (" + reportingCurrency + ")",
                "Close date", "Period", "Created date", "In stage since", "Days in stage", "CRM probability",
                "Probability", "Weighted as reported", "Evidenced probability", "Weighted checklist-adjusted", "Findings",
                "Close month", "Fiscal year", "Stage as exported"));
        if (nameKeys) {
            labels.addAll(List.of("Owner key", "Team key"));
        }
        checklistItems.forEach(item -> labels.add(CHECKLIST_PREFIX + item));
        labels.addAll(exportHeaders);
        // the labels are the tables' column names: unique, whatever the exports' headers are
        this.headers = CellWriter.uniqueLabels(labels);
    }

    List<String> sheetNames() {
        return sheetNames;
    }

    /** Creates the deal sheets, empty, so that they exist (in order) before any formula names them. */
    void create(SXSSFWorkbook workbook) {
        sheetNames.forEach(workbook::createSheet);
    }

    /** @param exported the deal's other export columns joined by {@code SourceRow.EXPORT_SEPARATOR}, or null */
    void write(SXSSFWorkbook workbook, DealRow deal, String exported) {
        if (sheet == null || rowIndex > rowsPerSheet) {
            finishSheet();
            sheet = workbook.getSheet(sheetNames.get(++sheetIndex));
            cells.header(sheet, 0, headers, widths());
            rowIndex = 1;
            xmlCells = direct ? cells.xmlCells(sheet) : null;
        }
        int r = rowIndex++;
        cells.row(sheet, r, xmlCells, row -> writeDeal(row, r + 1, deal, exported));
    }

    /** Writes the deal rows through POI's rows and cells rather than straight as XML (to compare the two). */
    DealSheets throughPoiRows() {
        direct = false;
        return this;
    }

    /** Makes the rows of the sheet being written a table (one per sheet); call once after the last deal. */
    void finishSheet() {
        if (sheet != null) {
            cells.table(sheet, sheet.getSheetName(), 0, rowIndex - 1, headers.length - 1);
        }
    }

    /** A header on a sheet that received no deal (no deals at all). */
    void headerOnly(SXSSFWorkbook workbook) {
        if (sheet == null) {
            sheet = workbook.getSheet(sheetNames.get(0));
            cells.header(sheet, 0, headers, widths());
            rowIndex = 1;
        }
    }

    private int[] widths() {
        int[] widths = java.util.Arrays.copyOf(WIDTHS, headers.length);
        for (int i = BASE_COLUMNS; i < widths.length; i++) {
            widths[i] = Math.max(10, Math.min(30, headers[i].length() + 2));
        }
        return widths;
    }

    private void writeDeal(CellWriter.RowCells row, int r, DealRow d, String exported) {
        String file = d.file();
        boolean open = d.open();
        boolean lead = d.lead();
        String status = lead ? "lead" : open ? "open" : d.won() ? "won" : "lost";
        LocalDate close = d.closeDate();
        LocalDate stageSince = d.stageSince();
        row.text(0, file);
        row.count(1, d.line());
        row.text(2, d.dealId());
        row.text(3, d.dealName());
        row.text(4, d.account());
        row.text(5, d.owner());
        row.text(6, d.team());
        row.text(7, d.accountType());
        row.text(8, d.claimedStage());
        row.text(9, d.evidencedStage());
        row.text(10, d.category());
        row.text(11, status);
        row.text(12, d.crmForecastCategory());
        String currency = d.currency();
        row.text(13, currency);
        row.money(14, d.amount(), currency);
        // the rate the amount was converted with (the two amounts' quotient is rounded to the cent)
        row.rate(15, currency == null ? null : fxRates.get(currency));
        row.money(16, d.amountReporting(), reportingCurrency);
        row.date(17, close);
        row.text(18, lead ? null : calendar.period(close, runDate, open));
        row.date(19, d.createdDate());
        row.date(20, stageSince);
        if (stageSince != null && open) {
            row.count(21, Math.max(0, runDate.toEpochDay() - stageSince.toEpochDay()));
        }
        row.percent(22, d.crmProbability());
        row.percent(23, d.probability());
        row.formula(24, weight(r, PROBABILITY), d.weightedReported(), CellWriter.Kind.MONEY);
        row.percent(25, d.evidencedProbability());
        row.formula(26, weight(r, EVIDENCED_PROBABILITY), d.weightedAdjusted(), CellWriter.Kind.MONEY);
        row.count(27, d.findingCount());
        if (close != null) {
            row.text(28, close.toString().substring(0, 7));
            row.text(29, "FY" + calendar.fiscalYear(close));
        }
        // the stage as the CRM wrote it, before the playbook, a CRM vocabulary or a status column read it
        row.text(30, d.stageValue());
        if (nameKeys) {
            row.text(BASE_COLUMNS, key(d.owner()));
            row.text(BASE_COLUMNS + 1, key(d.team()));
        }
        int[] columns = exportColumnsByFile.get(file);
        if (exported != null && columns != null) {
            String[] values = exported.split(String.valueOf(SourceRow.EXPORT_SEPARATOR), -1);
            for (int i = 0; i < values.length && i < columns.length; i++) {
                row.text(columns[i], values[i]);
            }
            writeChecklist(row, values, checklistColumnsByFile.get(file));
        }
    }

    /**
     * The normalised checklist cells: the check mark for an item done by a yes-like word or listed in the checklist
     * column, the date for one done on a date, blank otherwise (not done, a date after the run date, a value that
     * is neither); the raw values stay in the export columns. The rules are the checklist checker's.
     */
    private void writeChecklist(CellWriter.RowCells row, String[] values, int[] itemColumns) {
        if (itemColumns == null) {
            return;
        }
        String listed = value(values, itemColumns[0]);
        for (int k = 0; k < checklistItems.size(); k++) {
            int column = fixedColumns + k;
            if (ChecklistChecker.listsItem(listed, checklistItems.get(k))) {
                row.check(column);
                continue;
            }
            String raw = value(values, itemColumns[1 + k]);
            if (raw == null) {
                continue;
            }
            try {
                ChecklistChecker.ItemState state = ChecklistChecker.itemState(raw, runDate);
                if (state.done() && state.date() != null) {
                    row.date(column, state.date());
                } else if (state.done()) {
                    row.check(column);
                }
            } catch (IllegalArgumentException neitherWordNorDate) {
                // left blank: the export column shows what was written
            }
        }
    }

    private static String value(String[] values, int index) {
        return index < 0 || index >= values.length || values[index].isBlank() ? null : values[index];
    }

    /** A deal's weight: its amount in the reporting currency times a probability, to the cent; leads weigh 0. */
    private static String weight(int r, String probabilityColumn) {
        return "IF(" + STATUS + r + "=\"lead\",0,ROUND(" + AMOUNT_REPORTING + r + "*" + probabilityColumn + r + ",2))";
    }

    /** SUMIFS over every deal sheet: {@code criteria} alternate a column letter and a criterion expression. */
    String sumifs(String sumColumn, String... criteria) {
        return spanning("SUMIFS(", sumColumn, criteria);
    }

    /**
     * COUNTIFS over every deal sheet. A criterion on the status column, which every deal row fills, goes first:
     * LibreOffice counts nothing when the first range is a column that holds only its header (a team column no
     * export fills, say), whatever the other criteria.
     */
    String countifs(String... criteria) {
        String[] ordered = criteria.clone();
        for (int i = 2; i < ordered.length; i += 2) {
            if (ordered[i].equals(STATUS)) {
                System.arraycopy(criteria, 0, ordered, 2, i);
                ordered[0] = criteria[i];
                ordered[1] = criteria[i + 1];
                break;
            }
        }
        return spanning("COUNTIFS(", null, ordered);
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

    /** Whether a name cannot be a criterion: its criterion would be longer than Excel's 255 characters. */
    static boolean tooLongForCriterion(String value) {
        return value != null && 1 + value.replace("~", "~~").replace("*", "~*").replace("?", "~?").length()
                > CRITERION_LIMIT;
    }

    /**
     * The column and criterion that select the deals of an owner or team ({@code column} is {@link #OWNER} or
     * {@link #TEAM}) named in {@code cell}. A name too long to be a criterion is matched through its key instead:
     * the deal sheets then carry an owner and a team key column ({@link #nameKeys}), holding for each such name
     * a short key made of its SHA-256 (the same name, to the character, gives the same key; no other name does
     * in practice), so the criterion is the key and stays exact.
     */
    String[] nameCriterion(String column, String value, String cell) {
        if (!tooLongForCriterion(value)) {
            return new String[] {column, criterion(value, cell)};
        }
        if (!nameKeys) {
            throw new IllegalStateException("a name over " + CRITERION_LIMIT + " characters needs the key columns");
        }
        return new String[] {column.equals(OWNER) ? OWNER_KEY : TEAM_KEY, "\"" + key(value) + "\""};
    }

    /** The key of a name too long to be a criterion ({@link #nameCriterion}); null for any other name. */
    static String key(String value) {
        if (!tooLongForCriterion(value)) {
            return null;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "K" + java.util.HexFormat.of().formatHex(digest, 0, 12) + "-" + value.length();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
