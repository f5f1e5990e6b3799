package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.history.DealSnapshotRepository.DealRow;
import com.pipelineforecast.ingest.SourceRow;

/**
 * The deal rows written straight as sheet XML are the rows written through POI's rows and cells: the same sheet
 * XML to the character, the same dimension, tables and cells read back.
 */
class DealSheetsXmlTest {

    private static final LocalDate RUN = LocalDate.of(2026, 11, 22);
    private static final String[] TEXTS = {"plain", "", " leading", "trailing\t", "<a href=\"x\">&amp;</a>",
        "line\nbreak\r\nand\ttab", "no\u00A0break", "bell\u0007 nul\u0000 esc\u001B", "non\uFFFEchar\uFFFF",
        "Müller 王伟 ✓", "supplementary 𠀀😀", "lone \uD800 surrogate", "lone low \uDC00", "=SUM(A1)", "+1", "-x",
        "@me", "x".repeat(40_000), "ends with high \uD83D", null};

    @TempDir
    Path folder;

    @Test
    void directRowsAreThePoiRowsToTheCharacter() throws IOException {
        TextCuts poiCuts = new TextCuts();
        TextCuts directCuts = new TextCuts();
        byte[] poi = workbook(false, poiCuts, 7);
        byte[] direct = workbook(true, directCuts, 7);
        Map<String, String> poiEntries = entries(poi);
        Map<String, String> directEntries = entries(direct);
        assertThat(directEntries.keySet()).isEqualTo(poiEntries.keySet());
        assertThat(poiEntries.keySet()).contains("xl/worksheets/sheet4.xml", "xl/tables/table4.xml");
        poiEntries.forEach((name, xml) -> assertThat(directEntries.get(name)).as(name).isEqualTo(xml));
        assertThat(directCuts.workbookTexts()).isEqualTo(poiCuts.workbookTexts()).isPositive();
    }

    @Test
    void oneSheetOfManyRowsAndAnEmptyWorkbook() throws IOException {
        Map<String, String> poi = entries(workbook(false, new TextCuts(), 1_000));
        Map<String, String> direct = entries(workbook(true, new TextCuts(), 1_000));
        poi.forEach((name, xml) -> assertThat(direct.get(name)).as(name).isEqualTo(xml));
        Map<String, String> poiEmpty = entries(workbook(false, new TextCuts(), 7, 0));
        Map<String, String> directEmpty = entries(workbook(true, new TextCuts(), 7, 0));
        poiEmpty.forEach((name, xml) -> assertThat(directEmpty.get(name)).as(name).isEqualTo(xml));
    }

    @Test
    void readsBackAsThePoiRows() throws IOException {
        try (XSSFWorkbook poi = new XSSFWorkbook(new ByteArrayInputStream(workbook(false, new TextCuts(), 7)));
                XSSFWorkbook direct = new XSSFWorkbook(new ByteArrayInputStream(workbook(true, new TextCuts(), 7)))) {
            assertThat(direct.getNumberOfSheets()).isEqualTo(poi.getNumberOfSheets());
            int cells = 0;
            for (int s = 0; s < poi.getNumberOfSheets(); s++) {
                XSSFSheet expected = poi.getSheetAt(s);
                XSSFSheet actual = direct.getSheetAt(s);
                assertThat(actual.getSheetName()).isEqualTo(expected.getSheetName());
                assertThat(actual.getLastRowNum()).isEqualTo(expected.getLastRowNum());
                assertThat(actual.getTables()).hasSameSizeAs(expected.getTables());
                for (int t = 0; t < expected.getTables().size(); t++) {
                    assertThat(actual.getTables().get(t).getArea().formatAsString())
                            .isEqualTo(expected.getTables().get(t).getArea().formatAsString());
                }
                for (Row row : expected) {
                    Row other = actual.getRow(row.getRowNum());
                    assertThat(other.getLastCellNum()).isEqualTo(row.getLastCellNum());
                    for (Cell cell : row) {
                        Cell same = other.getCell(cell.getColumnIndex());
                        assertThat(same.getCellType()).isEqualTo(cell.getCellType());
                        assertThat(same.getCellStyle().getIndex()).isEqualTo(cell.getCellStyle().getIndex());
                        assertThat(same.getCellStyle().getDataFormatString())
                                .isEqualTo(cell.getCellStyle().getDataFormatString());
                        assertThat(same.toString()).isEqualTo(cell.toString());
                        if (cell.getCellType() == CellType.FORMULA) {
                            assertThat(same.getCachedFormulaResultType()).isEqualTo(cell.getCachedFormulaResultType());
                        }
                        if (cell.getCellType() == CellType.NUMERIC || cell.getCellType() == CellType.FORMULA
                                && cell.getCachedFormulaResultType() == CellType.NUMERIC) {
                            assertThat(same.getNumericCellValue()).isEqualTo(cell.getNumericCellValue());
                        }
                        cells++;
                    }
                }
            }
            assertThat(cells).isGreaterThan(800);
            Sheet deals = direct.getSheet("Deals");
            assertThat(deals.getRow(1).getCell(24).getCellFormula()).isEqualTo("IF(L2=\"lead\",0,ROUND(Q2*X2,2))");
        }
    }

    private byte[] workbook(boolean direct, TextCuts cuts, int rowsPerSheet) throws IOException {
        return workbook(direct, cuts, rowsPerSheet, 23);
    }

    private byte[] workbook(boolean direct, TextCuts cuts, int rowsPerSheet, int count) throws IOException {
        try (PipelineWorkbook workbook = new PipelineWorkbook(5)) {
            CellWriter cells = new CellWriter(workbook, "EUR");
            cells.countCutsIn(cuts);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("a.csv", List.of("Notes", "checklist", "Budget confirmed", "Region"));
            // another order, a header of its own and one twice: columns out of order within a row
            headers.put("b.csv", List.of("Region", "Extra", "Budget confirmed", "Notes", "Notes"));
            Map<String, WorkbookInputs.ExportChecklist> checklists = new TreeMap<>();
            List<String> itemsA = new ArrayList<>(java.util.Arrays.asList(null, null, "budget", null));
            checklists.put("a.csv", new WorkbookInputs.ExportChecklist(itemsA, 1));
            List<String> itemsB = new ArrayList<>(java.util.Arrays.asList(null, null, "budget", null, null));
            checklists.put("b.csv", new WorkbookInputs.ExportChecklist(itemsB, -1));
            WorkbookInputs inputs = new WorkbookInputs(Map.of("USD", new BigDecimal("0.9123"),
                    "JPY", new BigDecimal("0.0061")), List.of("budget", "champion"), checklists, null, file -> null);
            DealSheets deals = new DealSheets(count, rowsPerSheet, cells, new FiscalCalendar(2), RUN, "EUR", headers,
                    inputs, true);
            if (!direct) {
                deals.throughPoiRows();
            }
            workbook.createSheet("Summary");
            deals.create(workbook);
            for (int i = 0; i < count; i++) {
                deals.write(workbook, deal(i), exported(i));
            }
            deals.headerOnly(workbook);
            deals.finishSheet();
            workbook.getSheet("Summary").createRow(0).createCell(0).setCellFormula(deals.sumifs(DealSheets.WEIGHTED,
                    DealSheets.STATUS, "\"open\""));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }

    private static DealRow deal(int i) {
        String text = TEXTS[i % TEXTS.length];
        boolean lead = i % 5 == 4;
        boolean open = i % 3 != 0;
        LocalDate close = i % 7 == 6 ? null : RUN.plusDays(17L * i - 120);
        BigDecimal amount = switch (i % 6) {
            case 0 -> null;
            case 1 -> new BigDecimal("1234567.89");
            case 2 -> new BigDecimal("0.1").add(new BigDecimal("0.2"));
            case 3 -> new BigDecimal("12345678901234.56");
            case 4 -> new BigDecimal("-0.00");
            default -> new BigDecimal(i * 1000 + 0.125);
        };
        // too large for a double: POI makes it an error cell, so the row goes through POI
        BigDecimal weighted = i == 11 ? new BigDecimal("1e400") : amount == null ? null : amount.multiply(
                new BigDecimal("0.25"));
        String longOwner = i % 4 == 0 ? "Owner " + "o".repeat(300) : "Owner " + (i % 3);
        return new DealRow(i % 2 == 0 ? "a.csv" : "b.csv", i + 2, "D-" + i, text, text == null ? "Acme" : text + " Inc",
                longOwner, i % 2 == 0 ? null : "Team " + text, "Enterprise", "Stage " + i % 4, "Stage " + i % 3,
                i % 2 == 0 ? "Commit" : "Best case", open, !open && i % 2 == 0, lead, text,
                i % 3 == 0 ? "USD" : i % 3 == 1 ? "JPY" : null, amount, amount == null ? null : amount.scaleByPowerOfTen(-1),
                close, i % 8 == 0 ? LocalDate.of(1899, 12, 30) : RUN.minusDays(400 + i), i % 2 == 0 ? null
                        : RUN.minusDays(i), i % 3 == 0 ? null : new BigDecimal("0." + i % 10),
                new BigDecimal("0.35"), new BigDecimal("0.125"), weighted, weighted, i % 4, text);
    }

    private static String exported(int i) {
        if (i % 9 == 8) {
            return null;
        }
        String sep = String.valueOf(SourceRow.EXPORT_SEPARATOR);
        String budget = switch (i % 5) {
            case 0 -> "yes";
            case 1 -> "2026-10-01";
            case 2 -> "2027-01-01";
            case 3 -> "maybe";
            default -> "";
        };
        if (i % 2 == 0) {
            return String.join(sep, TEXTS[(i + 3) % TEXTS.length] == null ? "" : TEXTS[(i + 3) % TEXTS.length],
                    i % 4 == 0 ? "budget;champion" : "", budget, "EMEA");
        }
        return String.join(sep, "APAC", "extra " + i, budget, "n1", "=n2");
    }

    private Map<String, String> entries(byte[] xlsx) throws IOException {
        Path file = Files.write(Files.createTempFile(folder, "workbook", ".xlsx"), xlsx);
        Map<String, String> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
