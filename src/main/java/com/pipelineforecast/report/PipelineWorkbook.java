package com.pipelineforecast.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The streamed workbook of {@code pipeline.xlsx}: its rows written by {@link SheetXmlWriter}, which deflates each
 * sheet's XML on a second thread while the rows are generated, into its temporary file; {@link #write} puts those
 * deflated bytes into the xlsx as they are ({@link WorkbookZip}) instead of reading the XML back and deflating it
 * there, after every row, on the rendering thread (1,000,000 deals: 2.7 GB of Deals sheet XML, 17 s of deflate).
 *
 * <p>Everything is deflated at level {@value #ZIP_LEVEL}, the sheets and the other parts alike: for 100,000 deals
 * (262 MiB of sheet XML) it deflates in 1.9 s where the default level 6 takes 3.7 s, for 30.8 MiB instead of
 * 24.8 MiB (level 1: 1.4 s, 34.3 MiB).
 */
final class PipelineWorkbook extends SXSSFWorkbook {

    static final int ZIP_LEVEL = 3;

    private final int deflateBufferBytes;

    PipelineWorkbook(int rowWindow) {
        this(rowWindow, DeflatingSheetStream.BUFFER_BYTES);
    }

    /** @param deflateBufferBytes the size of a buffer of sheet XML handed to the deflate thread */
    PipelineWorkbook(int rowWindow, int deflateBufferBytes) {
        super(rowWindow);
        this.deflateBufferBytes = deflateBufferBytes;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        if (ownWriters()) {
            return new SheetXmlWriter(deflateBufferBytes);
        }
        return super.createSheetDataWriter();
    }

    private boolean ownWriters() {
        return !isCompressTempFiles() && getSharedStringSource() == null;
    }

    /** POI's zip writer, for the workbooks of POI's writers ({@link #injectData}), at the level of the others. */
    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(ZIP_LEVEL);
        return zip;
    }

    /**
     * POI's, but with {@link WorkbookZip}: each sheet's entry is its template's head and tail deflated around the
     * sheet data deflated already, and every other part copied from the template deflated. The xlsx has the same
     * parts, in the same order, with the same contents as POI writes them.
     */
    @Override
    protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
        if (!ownWriters()) {
            super.injectData(source, out);
            return;
        }
        try (source) {
            WorkbookZip zip = new WorkbookZip(out, ZIP_LEVEL);
            Enumeration<? extends ZipArchiveEntry> entries = source.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                try (InputStream in = source.getInputStream(entry)) {
                    if (in instanceof ZipArchiveThresholdInputStream threshold) {
                        // as POI: no zip-bomb guard on the workbook's own template (its sheets are highly repetitive)
                        threshold.setGuardState(false);
                    }
                    XSSFSheet xssf = getSheetFromZipEntryName(entry.getName());
                    if (xssf != null && !(xssf instanceof XSSFChartSheet)) {
                        SXSSFSheet sheet = getSheet(xssf.getSheetName());
                        try (InputStream data = sheet.getWorksheetXMLInputStream()) {
                            zip.sheet(entry, in.readAllBytes(), data);
                        }
                    } else {
                        zip.copy(entry, in);
                    }
                }
            }
            zip.finish();
        }
    }
}
