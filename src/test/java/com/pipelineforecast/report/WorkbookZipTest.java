package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sheet template split where POI puts the sheet data in; a sheet of more than 4 GiB in a valid Zip64 entry. */
class WorkbookZipTest {

    @TempDir
    Path folder;

    @Test
    void splitsAnEmptySheetDataAsPoiFillsIt() {
        assertThat(split("<worksheet><dimension ref=\"A1\"/><sheetData/><pageMargins/></worksheet>"))
                .containsExactly("<worksheet><dimension ref=\"A1\"/><sheetData>\n",
                        "</sheetData><pageMargins/></worksheet>");
    }

    @Test
    void keepsTheTemplatesRowsBeforeTheData() {
        assertThat(split("<worksheet><sheetData><row r=\"1\"/></sheetData><cols/></worksheet>"))
                .containsExactly("<worksheet><sheetData><row r=\"1\"/>", "</sheetData><cols/></worksheet>");
    }

    @Test
    void putsTheDataAtTheEndOfATemplateWithoutSheetData() {
        assertThat(split("<worksheet><sheetDataX/></worksheet>"))
                .containsExactly("<worksheet><sheetDataX/></worksheet><sheetData>\n", "</sheetData>");
    }

    @Test
    void aSheetOver4GibIsAValidZip64Entry() throws Exception {
        // 4 GiB and a bit of one repeated row: deflated to a few MiB
        byte[] row = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[row.length * 16_384];
        for (int i = 0; i < 16_384; i++) {
            System.arraycopy(row, 0, block, i * row.length, row.length);
        }
        long rows = (4L << 30) / row.length + 1_000;
        Path data = folder.resolve("sheet.xml");
        DeflatingSheetStream stream = new DeflatingSheetStream(new FileOutputStream(data.toFile()), 3,
                DeflatingSheetStream.BUFFER_BYTES);
        CRC32 expected = new CRC32();
        byte[] head = "<worksheet><sheetData>\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "</sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII);
        expected.update(head);
        for (long r = 0; r < rows; r += 16_384) {
            stream.write(block);
            expected.update(block);
        }
        stream.close();
        expected.update(tail);
        long size = head.length + stream.length() + tail.length;
        assertThat(size).isGreaterThan(0xffffffffL);

        Path xlsx = folder.resolve("big.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            WorkbookZip zip = new WorkbookZip(out, 3);
            zip.copy(new ZipArchiveEntry("[Content_Types].xml"), InputStream.nullInputStream());
            try (InputStream in = new SheetXmlWriter.Deflated(new FileInputStream(data.toFile()), stream.length(),
                    stream.crc(), stream.compressedLength())) {
                zip.sheet(new ZipArchiveEntry("xl/worksheets/sheet1.xml"),
                        "<worksheet><sheetData/></worksheet>".getBytes(StandardCharsets.US_ASCII), in);
            }
            zip.copy(new ZipArchiveEntry("xl/workbook.xml"), InputStream.nullInputStream());
            zip.finish();
        }
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            assertThat(sheet.getSize()).isEqualTo(size);
            assertThat(sheet.getCrc()).isEqualTo(expected.getValue());
            assertThat(zip.getEntry("xl/workbook.xml")).isNotNull();
        }
        // read through, which checks the size and the CRC against the local header's
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(xlsx))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("[Content_Types].xml");
            ZipEntry sheet = zip.getNextEntry();
            assertThat(sheet.getName()).isEqualTo("xl/worksheets/sheet1.xml");
            byte[] start = zip.readNBytes(head.length);
            assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("<worksheet><sheetData>\n");
            assertThat(head.length + zip.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
            assertThat(zip.getNextEntry().getName()).isEqualTo("xl/workbook.xml");
        }
    }

    private static String[] split(String xml) {
        byte[][] parts = WorkbookZip.split(xml.getBytes(StandardCharsets.UTF_8));
        return new String[] {new String(parts[0], StandardCharsets.UTF_8), new String(parts[1], StandardCharsets.UTF_8)};
    }
}
