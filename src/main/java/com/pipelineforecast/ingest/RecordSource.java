package com.pipelineforecast.ingest;

import java.util.List;

/** The records of one export file in order, whatever its format. */
public interface RecordSource extends AutoCloseable {

    /** The next record's cells (never null inside), or null at the end of the file. */
    List<String> next();

    /** Where the record last returned starts: its line in a CSV file, its row number in a workbook. */
    long position();

    /** Columns the file hides (workbooks); their cells are read, but only used when they hold a known column. */
    default java.util.Set<Integer> hiddenColumns() {
        return java.util.Set.of();
    }

    @Override
    void close();

    /** Opens the export by its file name: CSV, or XLSX (streamed); other workbook formats are refused. */
    static RecordSource open(java.nio.file.Path file, ReadOptions options) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return new XlsxRecordSource(file, options.sheet());
        }
        if (name.endsWith(".xls")) {
            throw new InputUnusableException(file.getFileName() + ": the Excel 97-2003 format (.xls) is not read; "
                    + "save the sheet as .xlsx or CSV");
        }
        return new CsvRecordSource(file, options.encoding());
    }
}
