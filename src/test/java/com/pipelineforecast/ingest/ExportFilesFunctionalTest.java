package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Export files through the whole job: report layouts, several files, workbooks, and files that cannot be read. */
class ExportFilesFunctionalTest extends JobTestSupport {

    @Test
    void salesforceReportLayoutWithTitleAndFooterLinesCountsThemAsSkippedNotRejected() throws IOException {
        Path input = Files.createDirectories(work.resolve("sf-report"));
        Files.writeString(input.resolve("report.csv"), """
                "Opportunity Pipeline"
                "As of 22.11.2026"

                "Opportunity ID","Opportunity Name","Account Name","Stage","Amount Currency","Amount","Close Date","Probability (%)","Opportunity Owner"
                "006A1","Renewal 2027","Acme","Proposal/Price Quote","USD","485,000.00","12/15/2026","75","Emily Carter"
                "006A2","Expansion","Acme","Closed Won","USD","USD 12,000.00","11/02/2026","100","Emily Carter"
                "006A3","New logo","Globex","Prospecting","USD","1,500.50","1/31/2027","10","James O'Neil"

                "Grand Totals (3 records)","","","","","498,500.50","","",""

                "Confidential Information - Do Not Distribute"
                "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
                """);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-10", 100));

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.count("read")).isEqualTo(3);
        assertThat(run.count("accepted")).isEqualTo(3);
        assertThat(run.count("rejected")).isZero();
        assertThat(run.count("skipped")).isEqualTo(5);
        assertThat(run.root().path("inputs").get(0).path("skipped").asLong()).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT line_no || ' ' || reason FROM skipped_line s JOIN forecast_run r "
                + "ON r.run_id = s.run_id WHERE r.run_date = DATE '2026-12-10' ORDER BY line_no", String.class))
                .containsExactly("1 TITLE_LINE", "2 TITLE_LINE", "9 FOOTER_LINE", "11 FOOTER_LINE", "12 FOOTER_LINE");
        assertThat(run.total("openAmount")).isEqualByComparingTo("486500.50");
        assertThat(run.total("closedWon")).isEqualByComparingTo("12000.00");
    }

    @Test
    void severalFilesAreCountedPerFileAndARepeatedDealIdIsAFindingNotAnOverwrite() throws IOException {
        Path input = Files.createDirectories(work.resolve("several"));
        String header = "deal_id,deal_name,stage,amount,close_date\n";
        Files.writeString(input.resolve("emea.csv"), header + "E-1,Alpha,Prospect,100,2027-01-01\n"
                + "SHARED-1,Shared,Prospect,1000,2027-01-01\n");
        Files.writeString(input.resolve("apac.csv"), header + "A-1,Beta,Prospect,200,2027-01-01\n"
                + "SHARED-1,Shared again,Prospect,1000,2027-01-01\nA-2,Gamma,Prospect,300,2027-01-01\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-11", 100));

        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.root().path("inputs")).extracting(i -> i.path("file").asText() + "=" + i.path("rows").asLong())
                .containsExactly("apac.csv=3", "emea.csv=2");
        assertThat(run.count("accepted")).isEqualTo(5);
        assertThat(run.total("openAmount")).isEqualByComparingTo("2600.00");
        List<CSVRecord> findings = findings(outcome.reportFolder(), "DUPLICATE_DEAL_ID");
        assertThat(findings).extracting(r -> r.get("file") + ":" + r.get("line") + " " + r.get("message"))
                .containsExactly("apac.csv:3 deal id also on emea.csv line 3: both rows are counted",
                        "emea.csv:3 deal id also on apac.csv line 3: both rows are counted");
    }

    @Test
    void anIdOnManyRowsNamesTenOthersOnEachAndCountsTheRest() throws IOException {
        Path input = Files.createDirectories(work.resolve("many"));
        StringBuilder csv = new StringBuilder("deal_id,deal_name,stage,amount,close_date\n");
        for (int i = 1; i <= 13; i++) {
            csv.append("SAME-1,Copy ").append(i).append(",Prospect,10,2027-01-01\n");
        }
        Files.writeString(input.resolve("deals.csv"), csv.toString());
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-20", 100));

        List<CSVRecord> findings = findings(outcome.reportFolder(), "DUPLICATE_DEAL_ID");
        assertThat(findings).hasSize(13 * 11);
        assertThat(findings).filteredOn(r -> r.get("line").equals("2")).extracting(r -> r.get("message"))
                .hasSize(11).startsWith("deal id also on deals.csv line 3: both rows are counted")
                .endsWith("deal id also on 2 more rows: all are counted");
        assertThat(RunJson.read(outcome.reportFolder()).count("accepted")).isEqualTo(13);
    }

    @Test
    void workbookOnANamedSheetIsReadLikeACsvExport() throws IOException {
        Path input = Files.createDirectories(work.resolve("workbook"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(
                input.resolve("export.xlsx"))) {
            workbook.createSheet("Summary").createRow(0).createCell(0).setCellValue("see the Deals sheet");
            Sheet deals = workbook.createSheet("Deals");
            String[][] rows = {{"Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Deal owner"},
                {"H-1", "王伟的项目", "Closed won", "2500", "2026-11-01", "王伟"},
                {"H-2", "โครงการใหม่", "Discovery", "7500.5", "2027-02-01", "สมชาย ใจดี"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = deals.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (r > 0 && c == 3) {
                        row.createCell(c).setCellValue(Double.parseDouble(rows[r][c]));
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            workbook.write(out);
        }
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-12", 100).withReading(null, "Deals", null));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.count("accepted")).isEqualTo(2);
        assertThat(run.total("closedWon")).isEqualByComparingTo("2500.00");
        assertThat(run.total("openAmount")).isEqualByComparingTo("7500.50");
        assertThat(keptDeal("2026-12-12", "H-2").owner()).isEqualTo("สมชาย ใจดี");

        RunOutcome missingSheet = run(TestRuns.options(input, reports(), "2026-12-13", 100)
                .withReading(null, "Pipeline", null));
        assertThat(missingSheet.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(missingSheet.message()).isEqualTo("export.xlsx: no sheet named 'Pipeline'; sheets: [Summary, Deals]");
    }

    @Test
    void dynamicsWorkbookKeepsItsHiddenRecordIdAndIgnoresItsOtherHiddenColumns() throws IOException {
        Path input = Files.createDirectories(work.resolve("dynamics"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(
                input.resolve("Open Opportunities.xlsx"))) {
            Sheet sheet = workbook.createSheet("Open Opportunities");
            String[][] rows = {{"(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "Topic",
                "Potential Customer", "Pipeline Phase", "Est. Revenue", "Est. Close Date"},
                {"7d1a6b0e-0000-4c8e-9a51-0000000000a1", "abc==", "Fleet renewal", "Fabrikam", "3-Propose", "40000",
                    "2027-03-31"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            sheet.setColumnHidden(0, true);
            sheet.setColumnHidden(1, true);
            workbook.write(out);
        }
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-15", 100).withPlaybook("dynamics"));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.stage("propose").path("deals").asLong()).isEqualTo(1);
        assertThat(keptDeals("2026-12-15")).singleElement().extracting(DealStates.State::id)
                .isEqualTo("7d1a6b0e-0000-4c8e-9a51-0000000000a1");
    }

    @Test
    void unreadableFilesStopTheRunWithExitCode3NamingThem() throws Exception {
        assertUnusable("binary.csv", new byte[] {'d', 'e', 0, 1, 2, 3, 0, 0}, "binary.csv: not a text (CSV) file");
        assertUnusable("legacy.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0},
                "legacy.xls: the Excel 97-2003 format (.xls) is not read");
        assertUnusable("protected.xlsx", encryptedWorkbook(), "protected.xlsx: the workbook is password-protected");
        assertUnusable("bomb.xlsx", zipBomb(), "bomb.xlsx: ");
    }

    private void assertUnusable(String name, byte[] content, String message) throws IOException {
        Path input = Files.createDirectories(work.resolve("unusable-" + name));
        Files.write(input.resolve(name), content);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-14", 100));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).startsWith(message);
        if (name.equals("bomb.xlsx")) {
            assertThat(outcome.message()).containsIgnoringCase("zip bomb");
        }
    }

    private static byte[] plainWorkbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            Row header = workbook.createSheet("Deals").createRow(0);
            String[] names = {"deal_id", "stage", "amount", "close_date"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            workbook.getSheetAt(0).createRow(1).createCell(0).setCellValue("X-1");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] encryptedWorkbook() throws Exception {
        Path plain = Files.createTempFile("plain", ".xlsx");
        Files.write(plain, plainWorkbook());
        try (POIFSFileSystem fs = new POIFSFileSystem(); var out = new java.io.ByteArrayOutputStream()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage opc = OPCPackage.open(plain.toFile(), PackageAccess.READ_WRITE);
                    OutputStream encrypted = encryptor.getDataStream(fs)) {
                opc.save(encrypted);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** A valid workbook whose sheet is padded with 20 MB of spaces that compress a thousand to one. */
    private static byte[] zipBomb() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(plainWorkbook()));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    zip.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1 << 20];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 20; i++) {
                        zip.write(spaces);
                    }
                    zip.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static List<CSVRecord> findings(Path folder, String code) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve("findings.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)).getRecords().stream()
                    .filter(r -> r.get("code").equals(code)).toList();
        }
    }
}
