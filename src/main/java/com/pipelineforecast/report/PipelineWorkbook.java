package com.pipelineforecast.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
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
    /** Each sheet's writer, when it is a {@link SheetXmlWriter}. */
    private final Map<SXSSFSheet, SheetXmlWriter> sheetXml = new IdentityHashMap<>();
    /** The writer made for the sheet being created. */
    private SheetXmlWriter created;

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
            created = new SheetXmlWriter(deflateBufferBytes);
            return created;
        }
        return super.createSheetDataWriter();
    }

    @Override
    public SXSSFSheet createSheet(String name) {
        created = null;
        SXSSFSheet sheet = super.createSheet(name);
        if (created != null) {
            sheetXml.put(sheet, created);
            created = null;
        }
        return sheet;
    }

    /**
     * The writer of a sheet's XML, to write rows straight into ({@link SheetXmlWriter#startRow}); null for a sheet
     * whose writer is POI's.
     */
    SheetXmlWriter sheetXml(Sheet sheet) {
        return sheetXml.get(sheet);
    }

    /**
     * POI's, then the dimension of each sheet with rows written straight as XML: POI derives it from the rows it
     * holds and the cells it created, which leaves those rows out; it is set from the rows written instead, as
     * POI would have derived it had they been its rows.
     */
    @Override
    protected void flushSheets() throws IOException {
        super.flushSheets();
        if (shouldCalculateSheetDimensions()) {
            for (Map.Entry<SXSSFSheet, SheetXmlWriter> sheet : sheetXml.entrySet()) {
                CellRangeAddress dimension = sheet.getValue().dimension();
                if (sheet.getValue().hasDirectRows() && dimension != null) {
                    getXSSFWorkbook().getSheet(sheet.getKey().getSheetName()).setDimensionOverride(dimension);
                }
            }
        }
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
