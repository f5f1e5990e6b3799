package com.pipelineforecast.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import com.github.pjfanning.xlsx.SharedStringsImplementationType;
import com.github.pjfanning.xlsx.StreamingReader;

/**
 * Rows of one sheet of an .xlsx workbook, streamed (a window of rows in memory, shared strings in a temporary
 * file), so a 100 MB workbook reads in bounded memory. Dates become ISO text, numbers plain decimals, formulas
 * their cached values. Hidden columns are reported (Dynamics 365 hides its record id in one). POI's zip-bomb
 * guard stays on.
 */
final class XlsxRecordSource implements RecordSource {

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, (byte) 0x11, (byte) 0xE0};

    private final String fileName;
    private final Workbook workbook;
    private final Sheet sheet;
    private final Iterator<Row> rows;
    private long rowNumber;
    private java.util.Set<Integer> hidden;
    private static final int MAX_COLUMNS_CHECKED = 1024;

    XlsxRecordSource(Path file, String sheetName) {
        this.fileName = file.getFileName().toString();
        refuseEncrypted(file);
        try {
            workbook = StreamingReader.builder().rowCacheSize(200).bufferSize(1 << 16)
                    .setSharedStringsImplementationType(SharedStringsImplementationType.TEMP_FILE_BACKED)
                    .setReadComments(false).setReadHyperlinks(false).setReadShapes(false)
                    .open(file.toFile());
        } catch (RuntimeException e) {
            throw new InputUnusableException(fileName + ": not a readable .xlsx workbook: " + rootMessage(e), e);
        }
        try {
            sheet = sheetName == null ? workbook.getSheetAt(0) : findSheet(sheetName);
            rows = sheet.rowIterator();
        } catch (InputUnusableException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            close();
            throw new InputUnusableException(fileName + ": not a readable .xlsx workbook: " + rootMessage(e), e);
        }
    }

    private Sheet findSheet(String name) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        if (!names.contains(name)) {
            throw new InputUnusableException(fileName + ": no sheet named '" + name + "'; sheets: " + names);
        }
        return workbook.getSheet(name);
    }

    private void refuseEncrypted(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (java.util.Arrays.equals(head, OLE2)) {
                throw new InputUnusableException(fileName + ": the workbook is password-protected (encrypted) or in "
                        + "the old .xls format; save it unprotected as .xlsx");
            }
        } catch (IOException e) {
            throw new InputUnusableException(fileName + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> next() {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            Row row = rows.next();
            long previous = rowNumber;
            rowNumber = row.getRowNum() + 1L;
            if (rowNumber <= previous) {
                // rows are known by their number: a damaged sheet that repeats one cannot be read as deals
                throw new InputUnusableException(fileName + " row " + rowNumber + ": comes after row " + previous
                        + "; the sheet's rows are not numbered in order (a damaged workbook)");
            }
            List<String> cells = new ArrayList<>(Math.max(0, row.getLastCellNum()));
            for (int i = 0; i < row.getLastCellNum(); i++) {
                Cell cell = row.getCell(i);
                cells.add(cell == null ? "" : text(cell));
            }
            return cells;
        } catch (InputUnusableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputUnusableException(fileName + " row " + (rowNumber + 1) + ": cannot be read: "
                    + rootMessage(e), e);
        }
    }

    private static String text(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? date(cell)
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            case ERROR -> "#ERROR";
            default -> "";
        };
    }

    private static String date(Cell cell) {
        var value = cell.getLocalDateTimeCellValue();
        return value.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? value.toLocalDate().toString()
                : value.toString();
    }

    @Override
    public long position() {
        return rowNumber;
    }

    @Override
    public java.util.Set<Integer> hiddenColumns() {
        if (hidden == null) {
            hidden = new java.util.HashSet<>();
            for (int i = 0; i < MAX_COLUMNS_CHECKED; i++) {
                if (sheet.isColumnHidden(i)) {
                    hidden.add(i);
                }
            }
        }
        return hidden;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
