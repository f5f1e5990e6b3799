package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a published workbook back: recalculates its formulas and finds labelled values. */
final class WorkbookChecks {

    private WorkbookChecks() {
    }

    /** Recalculates every formula with POI's evaluator and checks it against its cached value; returns how many. */
    static int recalculateEveryFormula(XSSFWorkbook workbook) {
        XSSFFormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        int formulas = 0;
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.FORMULA) {
                        continue;
                    }
                    CellValue value = evaluator.evaluate(cell);
                    // the cached result type is what a viewer that does not recalculate shows
                    assertThat(value.getCellType()).as(where(cell)).isEqualTo(cell.getCachedFormulaResultType());
                    if (value.getCellType() == CellType.STRING) {
                        assertThat(value.getStringValue()).as(where(cell) + " " + cell.getCellFormula())
                                .isEqualTo(cell.getStringCellValue());
                    } else {
                        assertThat(value.getCellType()).as(where(cell)).isEqualTo(CellType.NUMERIC);
                        assertThat(cents(value.getNumberValue())).as(where(cell) + " " + cell.getCellFormula())
                                .isEqualTo(cents(cell.getNumericCellValue()));
                    }
                    formulas++;
                }
            }
        }
        return formulas;
    }

    static String where(Cell cell) {
        return cell.getSheet().getSheetName() + "!" + cell.getAddress().formatAsString();
    }

    static BigDecimal cents(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** Column B of the Summary sheet by the label in column A. */
    static Map<String, Cell> summary(XSSFWorkbook workbook) {
        Map<String, Cell> values = new HashMap<>();
        for (Row row : workbook.getSheet("Summary")) {
            Cell label = row.getCell(0);
            if (label != null && label.getCellType() == CellType.STRING && row.getCell(1) != null) {
                values.put(label.getStringCellValue(), row.getCell(1));
            }
        }
        return values;
    }

    /** The header labels of a sheet's first row, by column index. */
    static Map<String, Integer> columns(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : sheet.getRow(0)) {
            columns.put(cell.getStringCellValue(), cell.getColumnIndex());
        }
        return columns;
    }

    /** The tables of a sheet by name, with their areas ({@code A1:AD319}). */
    static Map<String, String> tables(XSSFSheet sheet) {
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        for (XSSFTable table : sheet.getTables()) {
            tables.put(table.getName(), table.getCTTable().getRef());
        }
        return tables;
    }

    /**
     * Checks that every table of the workbook is one Excel accepts: a valid, unique name, a style with banded
     * rows, its own filter over its whole area, column names equal to its header cells (unique, ignoring case),
     * and no filter of the sheet besides; returns the tables by name with their sheet and area
     * ({@code Deals!A1:AD319}).
     */
    static Map<String, String> checkTables(XSSFWorkbook workbook) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Sheet sheet : workbook) {
            XSSFSheet xssf = (XSSFSheet) sheet;
            for (XSSFTable table : xssf.getTables()) {
                var ct = table.getCTTable();
                String where = sheet.getSheetName() + " " + table.getName();
                assertThat(table.getName()).as(where).matches("[A-Za-z_][A-Za-z0-9_.]*").isEqualTo(ct.getDisplayName());
                assertThat(names.add(table.getName().toLowerCase(java.util.Locale.ROOT))).as(where).isTrue();
                assertThat(ct.getTableStyleInfo().getShowRowStripes()).as(where).isTrue();
                assertThat(ct.getAutoFilter().getRef()).as(where).isEqualTo(ct.getRef());
                assertThat(xssf.getCTWorksheet().isSetAutoFilter()).as(where).isFalse();
                assertThat(table.getStartColIndex()).as(where).isZero();
                assertThat(table.getEndRowIndex()).as(where).isGreaterThan(table.getStartRowIndex());
                Row header = sheet.getRow(table.getStartRowIndex());
                java.util.Set<String> columns = new java.util.HashSet<>();
                for (int c = 0; c <= table.getEndColIndex(); c++) {
                    String name = table.getColumns().get(c).getName();
                    assertThat(header.getCell(c).getStringCellValue()).as(where + " column " + c).isEqualTo(name);
                    assertThat(name).as(where).isNotBlank();
                    assertThat(columns.add(name.toLowerCase(java.util.Locale.ROOT))).as(where + " " + name).isTrue();
                }
                assertThat(table.getColumnCount()).as(where).isEqualTo(table.getEndColIndex() + 1);
                all.put(table.getName(), sheet.getSheetName() + "!" + ct.getRef());
            }
        }
        return all;
    }

    /** Landscape, one page wide, the first {@code headerRows} rows repeated on every page. */
    static void assertPrintSetup(Sheet sheet, int headerRows) {
        String name = sheet.getSheetName();
        assertThat(sheet.getPrintSetup().getLandscape()).as(name).isTrue();
        assertThat(sheet.getFitToPage()).as(name).isTrue();
        assertThat(sheet.getPrintSetup().getFitWidth()).as(name).isEqualTo((short) 1);
        assertThat(sheet.getPrintSetup().getFitHeight()).as(name).isEqualTo((short) 0);
        assertThat(sheet.getRepeatingRows()).as(name).isNotNull();
        assertThat(sheet.getRepeatingRows().getFirstRow()).as(name).isZero();
        assertThat(sheet.getRepeatingRows().getLastRow()).as(name).isEqualTo(headerRows - 1);
    }

    /** LibreOffice's {@code soffice} on the PATH, or null: a recalculation check skips without it. */
    static java.nio.file.Path soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, "soffice");
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Recalculates a workbook with LibreOffice (headless, with a profile of its own that recalculates every formula
     * on load) and checks each formula's recalculated value against the value the workbook caches. One cached value,
     * Summary's open pipeline, is first made wrong in the copy LibreOffice opens, so the check fails unless
     * LibreOffice really recalculated. The tables survive the round trip. Returns how many formulas were compared.
     */
    static int recalculateWithLibreOffice(java.nio.file.Path soffice, java.nio.file.Path xlsx, java.nio.file.Path work)
            throws Exception {
        java.nio.file.Path profile = work.resolve("profile");
        java.nio.file.Files.createDirectories(profile.resolve("user"));
        java.nio.file.Files.writeString(profile.resolve("user/registrymodifications.xcu"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry" \
                xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
                <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
                </oor:items>
                """);
        java.nio.file.Path in = java.nio.file.Files.createDirectories(work.resolve("in")).resolve("pipeline.xlsx");
        try (java.io.InputStream original = java.nio.file.Files.newInputStream(xlsx);
                XSSFWorkbook copy = new XSSFWorkbook(original);
                java.io.OutputStream out = java.nio.file.Files.newOutputStream(in)) {
            Cell open = summary(copy).get("Open pipeline");
            assertThat(open.getCellType()).isEqualTo(CellType.FORMULA);
            open.setCellValue(-1);
            copy.write(out);
        }
        java.nio.file.Path outDir = work.resolve("out");
        Process process = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(),
                "--headless", "--convert-to", "xlsx", "--outdir", outDir.toString(), in.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("soffice.log").toFile()).start();
        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("soffice finished").isTrue();
        assertThat(process.exitValue()).as(java.nio.file.Files.readString(work.resolve("soffice.log"))).isZero();
        int compared = 0;
        // read from streams: a workbook opened from its file is written back when closed
        try (java.io.InputStream cachedIn = java.nio.file.Files.newInputStream(xlsx);
                java.io.InputStream recalculatedIn =
                        java.nio.file.Files.newInputStream(outDir.resolve("pipeline.xlsx"));
                XSSFWorkbook cached = new XSSFWorkbook(cachedIn);
                XSSFWorkbook recalculated = new XSSFWorkbook(recalculatedIn)) {
            for (Sheet sheet : cached) {
                Sheet other = recalculated.getSheet(sheet.getSheetName());
                assertThat(other).as(sheet.getSheetName()).isNotNull();
                assertThat(tables((XSSFSheet) other)).as(sheet.getSheetName()).isEqualTo(tables((XSSFSheet) sheet));
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() != CellType.FORMULA) {
                            continue;
                        }
                        Cell again = other.getRow(row.getRowNum()).getCell(cell.getColumnIndex());
                        String where = where(cell) + " " + cell.getCellFormula();
                        assertThat(again.getCellType()).as(where).isEqualTo(CellType.FORMULA);
                        assertThat(again.getCachedFormulaResultType()).as(where)
                                .isEqualTo(cell.getCachedFormulaResultType());
                        if (cell.getCachedFormulaResultType() == CellType.STRING) {
                            assertThat(again.getStringCellValue()).as(where).isEqualTo(cell.getStringCellValue());
                        } else {
                            assertThat(cents(again.getNumericCellValue())).as(where)
                                    .isEqualTo(cents(cell.getNumericCellValue()));
                        }
                        compared++;
                    }
                }
            }
        }
        return compared;
    }
}
