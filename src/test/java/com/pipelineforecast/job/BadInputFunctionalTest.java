package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Rows that cannot be deals are listed with their reasons; inputs that cannot be read stop the run early. */
class BadInputFunctionalTest extends JobTestSupport {

    private static final String HEADER = "Opportunity ID;Deal Name;Stage;Amount;Currency;Close Date;Owner\r\n";

    @Test
    void fileWithBadRowsCompletesAndListsEveryRejectedLine() throws IOException {
        Path input = Files.createDirectories(work.resolve("bad-rows"));
        // semicolon-separated, UTF-8 with BOM, CRLF, a quoted field with a line break, CRM-style headers
        String csv = HEADER
                + "A-1;Anlage Süd;Proposal;12.345,67;EUR;15.12.2026;Jürgen Müller\r\n"
                + ";No id;Prospect;100;USD;2026-12-01;Anna\r\n"
                + "A-3;\"Two-line\r\nname; with delimiter\";Discovery;5000;USD;2027-01-10;王伟\r\n"
                + "A-4;Unknown stage;Verhandlung;100;USD;2026-12-01;Anna\r\n"
                + "\r\n"
                + "A-5;Bad amount;Qualified;zwölf;EUR;2026-12-01;Anna\r\n"
                + "A-6;Bad date;Qualified;100;EUR;31.02.2026;Anna\r\n"
                + "A-7;No rate;Qualified;100;CHF;2026-12-01;Anna\r\n"
                + "A-8;No amount;Developed;;USD;2027-02-01;สมชาย ใจดี\r\n"
                + "A-9;Won deal;Won;฿100,000;THB;2026-11-01;สมชาย ใจดี\r\n";
        Files.write(input.resolve("export.csv"), bytes(csv, StandardCharsets.UTF_8, true));
        Files.writeString(input.resolve("fx-rates.csv"), "currency,rate\nEUR,1.10\nTHB,0.03\n");

        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-11-23", 3));

        // 5 of 9 rows rejected is far over --max-rejected (2 %): published, but as an incomplete night
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(outcome.message()).contains("INCOMPLETE: 5 of 9 rows (55.6 %) rejected");
        RunJson runJson = RunJson.read(outcome.reportFolder());
        assertThat(runJson.root().path("complete").asBoolean(true)).isFalse();
        assertThat(runJson.count("read")).isEqualTo(9);
        assertThat(runJson.count("accepted")).isEqualTo(4);
        assertThat(runJson.count("rejected")).isEqualTo(5);
        assertThat(runJson.count("read")).isEqualTo(runJson.count("accepted") + runJson.count("rejected"));
        List<CSVRecord> rejected = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(outcome.reportFolder().resolve("rejected.csv"))).getRecords();
        assertThat(rejected).extracting(r -> r.get("line") + "|" + r.get("column") + "|" + r.get("value") + "|"
                + r.get("reason").substring(0, r.get("reason").indexOf(':')))
                .containsExactly("3|Opportunity ID||NO_DEAL_ID", "6|Stage|Verhandlung|UNKNOWN_STAGE",
                        "8|Amount|zwölf|BAD_AMOUNT", "9|Close Date|31.02.2026|BAD_DATE", "10|Currency|CHF|NO_FX_RATE");
        // 12,345.67 EUR × 1.10 = 13,580.24 USD at 80 %; 5,000 at 40 %; a blank amount counts as zero
        assertThat(runJson.total("openAmount")).isEqualByComparingTo("18580.24");
        assertThat(runJson.total("weightedAsReported")).isEqualByComparingTo("12864.19");
        assertThat(runJson.total("closedWon")).isEqualByComparingTo("3000.00");
        List<CSVRecord> findings = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(outcome.reportFolder().resolve("findings.csv"))).getRecords();
        assertThat(findings).filteredOn(f -> f.get("deal_id").equals("A-8"))
                .extracting(f -> f.get("code")).containsOnlyOnce("AMOUNT_MISSING");
    }

    @Test
    void windows1252FileIsReadWithItsUmlauts() throws IOException {
        Path input = Files.createDirectories(work.resolve("cp1252"));
        String csv = "deal_id,deal_name,stage,amount,close_date,owner\r\nW-1,Größenänderung,Prospect,1000,2027-01-01,"
                + "Jörg Weiß\r\n";
        Files.write(input.resolve("legacy.csv"), bytes(csv, Charset.forName("windows-1252"), false));
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-11-24", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(keptDeals("2026-11-24")).singleElement().extracting(DealStates.State::owner)
                .isEqualTo("Jörg Weiß");
    }

    @Test
    void missingRequiredColumnStopsTheRunWithExitCode3NamingTheColumnAndTheHeaders() throws IOException {
        Path input = Files.createDirectories(work.resolve("no-close-date"));
        Files.writeString(input.resolve("deals.csv"), "deal_id,stage,amount\nX-1,Prospect,100\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-11-25", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).isEqualTo("deals.csv: missing required column 'close_date'; headers found: "
                + "deal_id, stage, amount");
        assertThat(reports().resolve("2026-11-25")).doesNotExist();
    }

    @Test
    void missingInputIsExitCode3AndBadOptionsAreExitCode2() throws IOException {
        RunOutcome missing = run(TestRuns.options(work.resolve("nowhere"), reports(), "2026-11-26", 10));
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(missing.message()).endsWith("nowhere: no such file or folder");

        RunOutcome badDate = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "22.11.2026", 10));
        assertThat(badDate.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(badDate.message()).isEqualTo("--run-date: expected YYYY-MM-DD, found '22.11.2026'");

        PipelineProperties unknownPlaybook = TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2026-11-26", 10)
                .withPlaybook("seven-stage");
        RunOutcome playbook = run(unknownPlaybook);
        assertThat(playbook.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(playbook.message()).contains("unknown playbook 'seven-stage'");
    }

    @Test
    void corruptWorkbookInTheInputFolderStopsTheRunNamingIt() throws IOException {
        Path input = TestRuns.copyOfSample(work.resolve("with-xlsx"));
        Files.write(input.resolve("pipeline-export.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04});
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-11-28", 100));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).startsWith("pipeline-export.xlsx: not a readable .xlsx workbook");
    }

    @Test
    void failedRunLeavesYesterdaysReportsUntouched() throws IOException {
        Path reports = reports();
        Path published = Files.createDirectories(reports.resolve("2026-11-27"));
        Files.writeString(published.resolve("run.json"), "{\"yesterday\":true}");
        Path input = Files.createDirectories(work.resolve("unreadable"));
        Files.writeString(input.resolve("deals.csv"), "deal_id,stage\nX-1,Prospect\n");
        RunOutcome outcome = run(TestRuns.options(input, reports, "2026-11-27", 10).withRerun(true));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(Files.readString(published.resolve("run.json"))).isEqualTo("{\"yesterday\":true}");
    }

    private static byte[] bytes(String text, Charset charset, boolean bom) {
        byte[] body = text.getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }
}
