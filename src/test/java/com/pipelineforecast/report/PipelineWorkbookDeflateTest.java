package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.pjfanning.xlsx.StreamingReader;

/**
 * The sheets deflated while their rows are written and copied into the xlsx as they are: a sheet of many deflate
 * buffers reads back, with POI's usermodel and with the streaming reader, as the workbook POI writes itself;
 * the file is a valid zip; the deflate threads are gone after a write and after a failure.
 */
class PipelineWorkbookDeflateTest {

    private static final int ROWS = 30_000;
    /** Small buffers, so that the sheet spans hundreds of them. */
    private static final int BUFFER = 8 * 1024;

    @TempDir
    Path folder;

    @Test
    void aSheetOfManyBuffersReadsBackAsPoiWritesIt() throws Exception {
        Path poi = write(new SXSSFWorkbook(100), "poi.xlsx");
        Path ours = write(new PipelineWorkbook(100, BUFFER), "ours.xlsx");

        String poiXml = entry(poi, "xl/worksheets/sheet1.xml");
        String ourXml = entry(ours, "xl/worksheets/sheet1.xml");
        assertThat(ourXml.length()).isGreaterThan(100 * BUFFER);
        assertThat(ourXml).isEqualTo(poiXml);
        for (String name : List.of("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/styles.xml",
                "xl/workbook.xml", "[Content_Types].xml")) {
            assertThat(entry(ours, name)).as(name).isEqualTo(entry(poi, name));
        }
        assertThat(names(ours)).isEqualTo(names(poi));

        Map<String, String> expected = usermodelCells(poi);
        assertThat(expected).hasSizeGreaterThan(ROWS * 6);
        assertThat(usermodelCells(ours)).isEqualTo(expected);
        assertThat(streamedCells(ours)).isEqualTo(streamedCells(poi)).isEqualTo(expected);
    }

    @Test
    void theFileIsAValidZip() throws Exception {
        Path ours = write(new PipelineWorkbook(100, BUFFER), "ours.xlsx");
        // the central directory, each entry's local header and data
        try (ZipFile zip = new ZipFile(ours.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    assertThat(in.readAllBytes()).hasSize((int) entry.getSize());
                }
            }
        }
        // read front to back as a stream, which checks every entry's size and CRC-32
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ours))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                zip.transferTo(java.io.OutputStream.nullOutputStream());
                entries++;
            }
        }
        assertThat(entries).isEqualTo(names(ours).size());
        // a sheet's sizes and CRC are in its local header: no data descriptor
        try (org.apache.commons.compress.archivers.zip.ZipFile zip = org.apache.commons.compress.archivers.zip.ZipFile
                .builder().setPath(ours).get()) {
            ZipArchiveEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            assertThat(sheet.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(sheet.getGeneralPurposeBit().usesDataDescriptor()).isFalse();
            assertThat(sheet.getSize()).isGreaterThan(100L * BUFFER);
        }
        Path unzip = Path.of("/usr/bin/unzip");
        if (Files.isExecutable(unzip)) {
            Process test = new ProcessBuilder(unzip.toString(), "-t", ours.toString()).redirectErrorStream(true)
                    .start();
            String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(test.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(test.exitValue()).as(output).isZero();
            assertThat(output).contains("No errors detected");
        }
    }

    @Test
    void writesTwiceTheSameSheets() throws Exception {
        PipelineWorkbook workbook = new PipelineWorkbook(100, BUFFER);
        Path first = folder.resolve("first.xlsx");
        Path second = folder.resolve("second.xlsx");
        try {
            fill(workbook);
            try (var out = Files.newOutputStream(first)) {
                workbook.write(out);
            }
            try (var out = Files.newOutputStream(second)) {
                workbook.write(out);
            }
        } finally {
            workbook.close();
        }
        assertThat(entry(second, "xl/worksheets/sheet1.xml")).isEqualTo(entry(first, "xl/worksheets/sheet1.xml"));
    }

    @Test
    void theSheetDataReadsBackAsXml() throws Exception {
        String poiXml = entry(write(new SXSSFWorkbook(100), "poi.xlsx"), "xl/worksheets/sheet1.xml");
        String rows = poiXml.substring(poiXml.indexOf("<sheetData>") + "<sheetData>".length(),
                poiXml.indexOf("</sheetData>"));
        // POI writes an empty template's <sheetData/> as <sheetData> and a line break before the rows
        rows = rows.startsWith("\n") ? rows.substring(1) : rows;
        PipelineWorkbook workbook = new PipelineWorkbook(100, BUFFER);
        try {
            fill(workbook);
            try (InputStream in = workbook.getSheet("Deals").getWorksheetXMLInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(rows);
            }
        } finally {
            workbook.close();
        }
    }

    @Test
    void noDeflateThreadIsLeftAfterAWrite() throws Exception {
        PipelineWorkbook workbook = new PipelineWorkbook(100, BUFFER);
        try {
            fill(workbook);
            assertThat(DeflatingSheetStreamTest.deflateThreads()).as("deflating while the rows are written")
                    .isPositive();
            workbook.write(new ByteArrayOutputStream());
            assertThat(DeflatingSheetStreamTest.deflateThreads()).isZero();
        } finally {
            workbook.close();
        }
        assertThat(DeflatingSheetStreamTest.deflateThreads()).isZero();
    }

    @Test
    void noDeflateThreadIsLeftAfterAFailure() throws Exception {
        PipelineWorkbook workbook = new PipelineWorkbook(100, BUFFER);
        assertThatThrownBy(() -> {
            try {
                Sheet sheet = workbook.createSheet("Deals");
                for (int r = 0; r < ROWS; r++) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue("deal " + r);
                    if (r == ROWS / 2) {
                        assertThat(DeflatingSheetStreamTest.deflateThreads()).isPositive();
                        throw new IllegalStateException("the history failed half way");
                    }
                }
            } finally {
                workbook.close();
            }
        }).hasMessage("the history failed half way");
        assertThat(DeflatingSheetStreamTest.deflateThreads()).isZero();
    }

    private Path write(SXSSFWorkbook workbook, String name) throws IOException {
        Path file = folder.resolve(name);
        try {
            fill(workbook);
            try (var out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        } finally {
            workbook.close();
        }
        return file;
    }

    /** A Deals-like sheet of {@value #ROWS} rows, a small sheet, an empty one. */
    private static void fill(SXSSFWorkbook workbook) {
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle percent = workbook.createCellStyle();
        percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        Sheet deals = workbook.createSheet("Deals");
        Row header = deals.createRow(0);
        String[] labels = {"Deal ID", "Deal name", "Owner", "Status", "Amount", "Close date", "Probability",
            "Weighted"};
        for (int i = 0; i < labels.length; i++) {
            header.createCell(i).setCellValue(labels[i]);
        }
        String[] owners = {"Ana Müller", "王伟", "O'Brien & Sons <EMEA>", " padded "};
        String[] statuses = {"open", "won", "lost", "lead"};
        for (int r = 1; r <= ROWS; r++) {
            Row row = deals.createRow(r);
            row.createCell(0).setCellValue("D-" + (r * 7919L % 1_000_003));
            row.createCell(1).setCellValue("Deal " + r + (r % 97 == 0 ? "\nsecond line\t" : ""));
            row.createCell(2).setCellValue(owners[r % owners.length]);
            row.createCell(3).setCellValue(statuses[r % statuses.length]);
            row.createCell(4).setCellValue(r * 101.25);
            Cell close = row.createCell(5);
            close.setCellValue(LocalDate.of(2026, 1, 1).plusDays(r % 700));
            close.setCellStyle(date);
            Cell probability = row.createCell(6);
            probability.setCellValue((r % 10) / 10.0);
            probability.setCellStyle(percent);
            Cell weighted = row.createCell(7);
            weighted.setCellFormula("IF(D" + (r + 1) + "=\"lead\",0,ROUND(E" + (r + 1) + "*G" + (r + 1) + ",2))");
            weighted.setCellValue(Math.round(r * 101.25 * (r % 10)) / 10.0);
        }
        Sheet summary = workbook.createSheet("Summary");
        Row row = summary.createRow(0);
        row.createCell(0).setCellValue("Open pipeline");
        row.createCell(1).setCellFormula("SUMIFS(Deals!E:E,Deals!D:D,\"open\")");
        row.getCell(1).setCellValue(42.0);
        workbook.createSheet("Empty");
    }

    private static Map<String, String> usermodelCells(Path xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(xlsx.toFile())) {
            return cells(workbook);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static Map<String, String> streamedCells(Path xlsx) throws IOException {
        try (Workbook workbook = StreamingReader.builder().rowCacheSize(200).bufferSize(1 << 16)
                .open(xlsx.toFile())) {
            return cells(workbook);
        }
    }

    private static Map<String, String> cells(Workbook workbook) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    cells.put(sheet.getSheetName() + "!" + cell.getAddress(), value(cell, cell.getCellType()) + " s"
                            + cell.getCellStyle().getDataFormatString());
                }
            }
        }
        return cells;
    }

    private static String value(Cell cell, CellType type) {
        return switch (type) {
            case STRING -> "'" + cell.getStringCellValue();
            case NUMERIC -> Double.toString(cell.getNumericCellValue());
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case FORMULA -> "=" + cell.getCellFormula() + " " + value(cell, cell.getCachedFormulaResultType());
            case BLANK -> "";
            default -> type.toString();
        };
    }

    private static String entry(Path xlsx, String name) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(Path xlsx) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }
}
