package com.pipelineforecast.report;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * The streamed workbook of {@code pipeline.xlsx}: its rows written by {@link SheetXmlWriter} to plain temporary files
 * (gzipped ones take 3 s more for 100,000 deals), and the file zipped at deflate level {@value #ZIP_LEVEL}: for
 * 100,000 deals (262 MiB of sheet XML) it zips in 1.9 s where the default level 6 takes 3.7 s, for 30.8 MiB instead
 * of 24.8 MiB (level 1: 1.4 s, 34.3 MiB).
 */
final class PipelineWorkbook extends SXSSFWorkbook {

    static final int ZIP_LEVEL = 3;

    PipelineWorkbook(int rowWindow) {
        super(rowWindow);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        if (isCompressTempFiles() || getSharedStringSource() != null) {
            return super.createSheetDataWriter();
        }
        return new SheetXmlWriter();
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(ZIP_LEVEL);
        return zip;
    }
}
