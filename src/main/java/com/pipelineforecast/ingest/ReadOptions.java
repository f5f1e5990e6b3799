package com.pipelineforecast.ingest;

import java.nio.charset.Charset;

/**
 * How to read the exports of a run: a forced encoding ({@code --encoding}), the sheet of a workbook
 * ({@code --sheet}), a date format ({@code --date-format}) and the column mapping ({@code --mapping}).
 * Null means detect or use the default.
 */
public record ReadOptions(Charset encoding, String sheet, DateReader dates, ColumnMapping mapping) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, null, DateReader.DETECT, ColumnMapping.BUILT_IN);
}
