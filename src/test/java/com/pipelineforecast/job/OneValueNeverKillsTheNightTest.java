package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * One value never ends the night with "start it again": a bad value is a rejected row, a file that cannot be read
 * is exit 3 before anything is written, bad configuration is exit 2 before the run starts.
 */
// a few rows out of a handful rejected is far over --max-rejected: these cases are about each row's fate,
// not about the night's completeness (exit 4, tested in CrmExportsFunctionalTest)
@org.springframework.test.context.TestPropertySource(properties = "pipeline.max-rejected=100")
class OneValueNeverKillsTheNightTest extends JobTestSupport {

    private static final String HEADER = "deal_id,deal_name,stage,amount,close_date\n";

    @Test
    void unterminatedQuoteAtTheEndIsExit3NamingFileAndLineBeforeAnythingIsWritten() throws IOException {
        Path input = folder("quote-at-end", HEADER + "Q-1,Fine,Prospect,100,2031-12-01\n"
                + "Q-2,\"Never closed,Prospect,100,2031-12-01\n");
        Path reports = publishedYesterday("quote-at-end", "2031-03-01");
        RunOutcome outcome = run(TestRuns.options(input, reports, "2031-03-02", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).isEqualTo("deals.csv line 3: cannot be read as CSV: a quoted field that starts "
                + "here is never closed (unterminated quote)");
        assertNothingWritten(reports, "2031-03-02");
    }

    @Test
    void unterminatedQuoteEarlyThatSwallowsTheRestIsExit3() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 4; i++) {
            csv.append("E-").append(i).append(",Deal,Prospect,100,2031-12-01\n");
        }
        csv.append("E-5,\"Opened here,Prospect,100,2031-12-01\n");
        for (int i = 6; i <= 50; i++) {
            csv.append("E-").append(i).append(",Deal,Prospect,100,2031-12-01\n");
        }
        csv.append("E-51,\"quoted\" again,Prospect,100,2031-12-01\n");
        Path input = folder("quote-early", csv.toString());
        Path reports = publishedYesterday("quote-early", "2031-03-03");
        RunOutcome outcome = run(TestRuns.options(input, reports, "2031-03-04", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).startsWith("deals.csv line 6: cannot be read as CSV: ")
                .contains("quote");
        assertNothingWritten(reports, "2031-03-04");
    }

    @Test
    void fieldsLongerThanTheDatabaseColumnRejectTheRowWithTheValueCut() throws IOException {
        String tooLong = "N".repeat(40_000);
        String longest = "L".repeat(32_767);
        Path input = folder("long-fields", HEADER
                + "L-1," + tooLong + ",Prospect,100,2031-12-01\n"
                + "L-2," + longest + ",Prospect,100,2031-12-01\n"
                + "L-3,Normal,Prospect," + "9".repeat(40_000) + ",2031-12-01\n"
                + "L-4,Normal,Prospect,100,2031-12-01\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-03-05", 2));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(outcome.reportFolder());
        assertThat(runJson.count("read")).isEqualTo(4);
        assertThat(runJson.count("accepted")).isEqualTo(2);
        assertThat(runJson.count("rejected")).isEqualTo(2);
        List<CSVRecord> rejected = csv(outcome.reportFolder().resolve("rejected.csv"));
        assertThat(rejected).extracting(r -> r.get("line") + "|" + r.get("column") + "|" + r.get("reason"))
                .containsExactly("2|deal_name|FIELD_TOO_LONG: 40000 characters, more than the 32768 a field may hold",
                        "4|amount|FIELD_TOO_LONG: 40000 characters, more than the 32768 a field may hold");
        assertThat(rejected.get(0).get("value")).isEqualTo("N".repeat(1000) + "… (40000 characters)");
        assertThat(keptDeals("2031-03-05")).hasSize(2);
        assertThat(keptDeal("2031-03-05", "L-2").dealName()).hasSize(32_767);
    }

    @Test
    void amountsBeyondFifteenIntegerDigitsAreBadAmountsWithTheLimit() throws IOException {
        Path input = folder("huge-amounts", HEADER
                + "H-1,Largest,Prospect,999999999999999.99,2031-12-01\n"
                + "H-2,Too large,Prospect,1000000000000000,2031-12-01\n"
                + "H-3,Nineteen digits,Prospect,1234567890123456789,2031-12-01\n"
                + "H-4,Converted too large,Prospect,EUR 900000000000000,2031-12-01\n");
        Files.writeString(input.resolve("fx-rates.csv"), "currency,rate\nEUR,1.5\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-03-06", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(outcome.reportFolder());
        assertThat(runJson.count("accepted")).isEqualTo(1);
        assertThat(runJson.total("openAmount")).isEqualByComparingTo("999999999999999.99");
        List<CSVRecord> rejected = csv(outcome.reportFolder().resolve("rejected.csv"));
        assertThat(rejected).extracting(r -> r.get("line") + "|" + r.get("reason")).containsExactly(
                "3|BAD_AMOUNT: more than 15 digits before the decimal point; the largest amount accepted is "
                        + "999,999,999,999,999.99",
                "4|BAD_AMOUNT: more than 15 digits before the decimal point; the largest amount accepted is "
                        + "999,999,999,999,999.99",
                "5|BAD_AMOUNT: converted to USD, more than 15 digits before the decimal point; the largest amount "
                        + "accepted is 999,999,999,999,999.99");
    }

    @Test
    void anFxRateBeyondAnyCurrencyIsABadReferenceFile() throws IOException {
        Path input = folder("fx-huge", HEADER + "F-1,Deal,Prospect,EUR 100,2031-12-01\n");
        Files.writeString(input.resolve("fx-rates.csv"), "currency,rate\nEUR,1E+999999999\n");
        Path reports = publishedYesterday("fx-huge", "2031-03-07");
        RunOutcome outcome = run(TestRuns.options(input, reports, "2031-03-08", 10));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(outcome.message()).endsWith("fx-rates.csv line 2, column rate: '1E+999999999' is not a usable "
                + "exchange rate (expected 0.000000001 to 1000000000, at most 20 significant digits)");
        assertNothingWritten(reports, "2031-03-08");
    }

    @Test
    void theSameFileTwiceIsExit2AndTwoFilesOfOneNameAreExit3NamingBoth() throws IOException {
        Path input = folder("twice", HEADER + "T-1,Deal,Prospect,100,2031-12-01\n");
        Path reports = publishedYesterday("twice", "2031-03-09");
        RunOutcome twice = run(TestRuns.options(input, reports, "2031-03-10", 10)
                .withInput(List.of(input.toString(), input.resolve("deals.csv").toString())));
        assertThat(twice.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(twice.message()).isEqualTo("--input: the file " + input.resolve("deals.csv") + " is given twice "
                + "(by '" + input + "' and by '" + input.resolve("deals.csv") + "'); name each file or folder once");

        Path other = folder("twice-other", HEADER + "T-2,Deal,Prospect,100,2031-12-01\n");
        RunOutcome sameName = run(TestRuns.options(input, reports, "2031-03-10", 10)
                .withInput(List.of(input.toString(), other.toString())));
        assertThat(sameName.exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(sameName.message()).isEqualTo("deals.csv: two inputs have this file name ("
                + input.resolve("deals.csv") + " and " + other.resolve("deals.csv") + "); rows are told apart by file "
                + "name and line, so rename one of them");
        assertNothingWritten(reports, "2031-03-10");
    }

    @Test
    void reportsNamingAFileOrAnUncreatableFolderIsExit2() throws IOException {
        Path input = folder("reports-file", HEADER + "R-1,Deal,Prospect,100,2031-12-01\n");
        Path file = Files.writeString(work.resolve("reports-is-a-file"), "not a folder");
        RunOutcome onFile = run(TestRuns.options(input, file, "2031-03-11", 10));
        assertThat(onFile.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(onFile.message()).isEqualTo("--reports: " + file + " is a file, not a folder");
        RunOutcome below = run(TestRuns.options(input, file.resolve("sub"), "2031-03-11", 10));
        assertThat(below.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(below.message()).isEqualTo("--reports: cannot create the folder " + file.resolve("sub")
                + " (Not a directory)");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_date = DATE '2031-03-11'",
                Long.class)).isZero();
    }

    @Test
    void aChunkSizeThatIsNotANumberIsExit2NamingTheOptionAndTheValue() {
        Output options = launch("--chunk-size=lots", "--run-date=2031-03-12");
        assertThat(options.exitCode()).isEqualTo(2);
        assertThat(options.err()).isEqualTo("pipeline-forecast: --chunk-size: expected a whole number, found 'lots'\n");
        // the same value from a property or environment variable is named as such
        Output bound = launch("--pipeline.chunk-size=lots", "--pipeline.database=" + work.resolve("launcher-db"),
                "--run-date=2031-03-12", "--reports=" + work.resolve("launcher-reports"));
        assertThat(bound.exitCode()).isEqualTo(2);
        assertThat(bound.err()).startsWith("pipeline-forecast: --chunk-size (pipeline.chunk-size): cannot use 'lots'")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    record Output(int exitCode, String err) {
    }

    static Output launch(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = PipelineForecastLauncher.run(args);
            return new Output(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    private Path folder(String name, String dealsCsv) throws IOException {
        Path folder = Files.createDirectories(work.resolve("one-value").resolve(name));
        Files.writeString(folder.resolve("deals.csv"), dealsCsv);
        return folder;
    }

    /** A reports folder with a published run of the day before, which a failure must leave as it was. */
    private Path publishedYesterday(String name, String date) throws IOException {
        Path reports = Files.createDirectories(reports().resolve(name));
        Files.createDirectories(reports.resolve(date));
        Files.writeString(reports.resolve(date).resolve("run.json"), "{\"yesterday\":true}");
        return reports;
    }

    private void assertNothingWritten(Path reports, String date) throws IOException {
        assertThat(reports.resolve(date)).doesNotExist();
        try (var entries = Files.list(reports)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).hasSize(1);
        }
        try (var entries = Files.list(reports)) {
            Path yesterday = entries.findFirst().orElseThrow();
            assertThat(Files.readString(yesterday.resolve("run.json"))).isEqualTo("{\"yesterday\":true}");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_date = CAST(? AS DATE)",
                Long.class, date)).isZero();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
