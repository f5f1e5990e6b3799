package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * A corpus of hostile inputs, each run through the whole job in-process (or the launcher, for command-line
 * options). Every case asserts the exit code; that a failure is one line of at most 400 characters naming its cause
 * with no stack trace anywhere in the log; that a run that completes counts every row (read = accepted + rejected
 * + skipped); and that the reports published the night before are untouched, with nothing left beside them.
 */
// a few rows out of a handful rejected is far over --max-rejected: these cases are about each row's fate,
// not about the night's completeness (exit 4, tested in CrmExportsFunctionalTest)
@org.springframework.test.context.TestPropertySource(properties = "pipeline.max-rejected=100")
class HostileInputTest extends JobTestSupport {

    private static final String HEADER = "deal_id,deal_name,account,stage,amount,close_date\n";
    private static final String ROW = "D-1,Deal,Acme,Prospect,100,2032-12-01\n";
    private static final String YESTERDAY = "{\"yesterday\":true}";
    private static final byte[] YESTERDAY_PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '7'};

    private ListAppender<ILoggingEvent> log;

    /** What a case prepares in its input folder, and the options it runs with. */
    @FunctionalInterface
    interface Setup {
        PipelineProperties prepare(Path input, PipelineProperties options) throws Exception;
    }

    /**
     * A case: the exit code, a fragment of the one-line message naming the cause (of the summary for a completed
     * run), and for completed runs the expected rows accepted and rejected (-1: not checked). Launcher cases give
     * command-line arguments instead of a setup.
     */
    record Case(String name, Setup setup, String[] args, int exit, String cause, long accepted, long rejected) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("corpus")
    void hostileInputIsHandledInOneLine(Case c) throws Exception {
        int index = CASES.indexOf(c.name());
        String date = LocalDate.of(2032, 1, 1).plusDays(2L * index).toString();
        String yesterday = LocalDate.parse(date).minusDays(1).toString();
        Path root = Files.createDirectories(work.resolve("hostile").resolve(String.format("%03d", index)));
        Path input = Files.createDirectories(root.resolve("input"));
        Path reports = Files.createDirectories(root.resolve("reports"));
        Path published = Files.createDirectories(reports.resolve(yesterday));
        Files.writeString(published.resolve("run.json"), YESTERDAY);
        Files.write(published.resolve("forecast.pdf"), YESTERDAY_PDF);

        int exit;
        String message;
        RunOutcome outcome = null;
        if (c.args() != null) {
            String[] args = Stream.concat(Stream.of(c.args()), Stream.of("--reports=" + reports, "--run-date=" + date))
                    .toArray(String[]::new);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = PipelineForecastLauncher.run(args);
            } finally {
                System.setErr(original);
            }
            message = err.toString(StandardCharsets.UTF_8).stripTrailing();
        } else {
            PipelineProperties defaults = TestRuns.options(input, reports, date, 2);
            PipelineProperties options = c.setup().prepare(input, defaults);
            outcome = run(options == null ? defaults : options);
            exit = outcome.exitCode().code();
            message = outcome.message();
        }

        assertThat(exit).as("exit code; message: %s", message).isEqualTo(c.exit());
        assertThat(message).as("one line").doesNotContain("\n", "\r").isNotBlank();
        assertThat(message.length()).as("length of: %s", message).isLessThanOrEqualTo(420);
        assertThat(message).as("names the cause").containsIgnoringCase(c.cause());
        assertThat(message).as("no stack frame").doesNotContainPattern("\\bat [\\w$.]+\\(");
        assertThat(message).as("nothing leaked from the system").doesNotContain("root:x:0:0");
        assertThat(message).as("no Java class names").doesNotContainPattern("\\b(java|javax|org)\\.[a-z]+\\.[\\w.]*"
                + "(Exception|Error)\\b");
        for (ILoggingEvent event : log.list) {
            assertThat(event.getThrowableProxy()).as("stack trace logged with: %s", event.getFormattedMessage())
                    .isNull();
        }
        assertThat(Files.readString(published.resolve("run.json"))).isEqualTo(YESTERDAY);
        assertThat(Files.readAllBytes(published.resolve("forecast.pdf"))).isEqualTo(YESTERDAY_PDF);
        try (Stream<Path> entries = Files.list(reports)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .as("nothing half-written beside the reports").noneMatch(name -> name.startsWith("."));
        }
        if (exit == 0) {
            RunJson runJson = RunJson.read(outcome.reportFolder());
            assertThat(runJson.count("read")).as("read = accepted + rejected + skipped")
                    .isEqualTo(runJson.count("accepted") + runJson.count("rejected") + runJson.count("skipped"));
            if (c.accepted() >= 0) {
                assertThat(runJson.count("accepted")).as("accepted").isEqualTo(c.accepted());
            }
            if (c.rejected() >= 0) {
                assertThat(runJson.count("rejected")).as("rejected").isEqualTo(c.rejected());
            }
        } else {
            assertThat(reports.resolve(date)).doesNotExist();
            if (c.args() == null) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_date = CAST(? AS DATE)",
                        Long.class, date)).as("a refused run writes no history").isZero();
            }
        }
    }

    private static final List<String> CASES = new ArrayList<>();

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // ---- encodings and byte-order marks
        cases.add(completes("UTF-8 with BOM", (in, o) -> write(in, "deals.csv", bom(0xEF, 0xBB, 0xBF),
                HEADER + ROW, StandardCharsets.UTF_8), 1, 0));
        cases.add(completes("UTF-16 LE with BOM", (in, o) -> write(in, "deals.csv", bom(0xFF, 0xFE), HEADER + ROW,
                StandardCharsets.UTF_16LE), 1, 0));
        cases.add(completes("UTF-16 BE with BOM", (in, o) -> write(in, "deals.csv", bom(0xFE, 0xFF), HEADER + ROW,
                StandardCharsets.UTF_16BE), 1, 0));
        cases.add(completes("UTF-32 LE with BOM is read as UTF-32", (in, o) -> write(in, "deals.csv",
                bom(0xFF, 0xFE, 0x00, 0x00), HEADER + ROW, Charset.forName("UTF-32LE")), 1, 0));
        cases.add(completes("UTF-32 BE with BOM is read as UTF-32", (in, o) -> write(in, "deals.csv",
                bom(0x00, 0x00, 0xFE, 0xFF), HEADER + ROW, Charset.forName("UTF-32BE")), 1, 0));
        cases.add(completes("Windows-1252 umlauts", (in, o) -> write(in, "deals.csv", new byte[0],
                HEADER + "W-1,Größe,Müller AG,Prospect,100,2032-12-01\n", Charset.forName("windows-1252")), 1, 0));
        cases.add(fails("invalid UTF-8 after the first 64 KB", (in, o) -> {
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 0; csv.length() < 70_000; i++) {
                csv.append("U-").append(i).append(",Deal,Acme,Prospect,100,2032-12-01\n");
            }
            byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
            byte[] bad = "X-1,Bad \u00FF byte,Acme,Prospect,100,2032-12-01\n".getBytes(StandardCharsets.ISO_8859_1);
            Files.write(in.resolve("deals.csv"), concat(text, bad));
            return o;
        }, 3, "not valid in the detected encoding"));
        cases.add(fails("--encoding=UTF-8 forced on a Windows-1252 file", (in, o) -> {
            write(in, "deals.csv", new byte[0], HEADER + "W-1,Größe,Acme,Prospect,100,2032-12-01\n",
                    Charset.forName("windows-1252"));
            return o.withReading("UTF-8", null, null);
        }, 3, "deals.csv"));
        cases.add(fails("UTF-16 with an odd number of bytes", (in, o) -> {
            byte[] body = (HEADER + ROW).getBytes(StandardCharsets.UTF_16LE);
            Files.write(in.resolve("deals.csv"), concat(bom(0xFF, 0xFE), body, new byte[] {0x41}));
            return o;
        }, 3, "deals.csv"));
        cases.add(fails("binary file named .csv", (in, o) -> {
            Files.write(in.resolve("deals.csv"), new byte[] {0x7F, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3});
            return o;
        }, 3, "binary"));
        cases.add(fails("empty file", (in, o) -> {
            Files.write(in.resolve("deals.csv"), new byte[0]);
            return o;
        }, 3, "empty"));
        cases.add(fails("a byte-order mark and nothing else", (in, o) -> {
            Files.write(in.resolve("deals.csv"), bom(0xEF, 0xBB, 0xBF));
            return o;
        }, 3, "empty"));
        // ---- broken quoting
        cases.add(fails("unterminated quote at the end of the file", (in, o) -> csv(in, HEADER + ROW
                + "D-2,\"Never closed,Acme,Prospect,100,2032-12-01\n"), 3, "unterminated quote"));
        cases.add(fails("unterminated quote early: the rest would be one field", (in, o) -> {
            StringBuilder csv = new StringBuilder(HEADER);
            csv.append("D-1,\"Opened,Acme,Prospect,100,2032-12-01\n");
            for (int i = 2; i < 200; i++) {
                csv.append("D-").append(i).append(",Deal,Acme,Prospect,100,2032-12-01\n");
            }
            return csv(in, csv.toString());
        }, 3, "line 2"));
        cases.add(fails("closing quote followed by text", (in, o) -> csv(in, HEADER
                + "D-1,\"Deal\" and more,Acme,Prospect,100,2032-12-01\n"), 3, "broken quoting"));
        cases.add(completes("quoted field with line breaks, delimiters and doubled quotes", (in, o) -> csv(in,
                HEADER + "D-1,\"Two\nlines, \"\"quoted\"\"\",Acme,Prospect,100,2032-12-01\n"), 1, 0));
        cases.add(completes("a quote inside an unquoted field is text", (in, o) -> csv(in, HEADER
                + "D-1,Acme \"Big\" Deal,Acme,Prospect,100,2032-12-01\n"), 1, 0));
        cases.add(completes("rows shorter and longer than the header", (in, o) -> csv(in, HEADER
                + "D-1,Short,Acme,Prospect,100\nD-2,Long,Acme,Prospect,100,2032-12-01,x,y,z\n"), 2, 0));
        cases.add(completes("old Mac line ends (CR only)", (in, o) -> csv(in, (HEADER + ROW + ROW.replace("D-1",
                "D-2")).replace('\n', '\r')), 2, 0));
        cases.add(completes("NUL-free control characters and bidi overrides in names", (in, o) -> csv(in, HEADER
                + "D-1,\u202Egnp.exe\u0007,Acme\u0000,Prospect,100,2032-12-01\n".replace("\u0000", "\u001B")), 1, 0));
        // ---- oversized fields, rows and columns
        cases.add(completes("deal name of 40,000 characters is FIELD_TOO_LONG", (in, o) -> csv(in, HEADER + ROW
                + "D-2," + "N".repeat(40_000) + ",Acme,Prospect,100,2032-12-01\n"), 1, 1));
        cases.add(completes("deal id of 40,000 characters is FIELD_TOO_LONG", (in, o) -> csv(in, HEADER + ROW
                + "I".repeat(40_000) + ",Deal,Acme,Prospect,100,2032-12-01\n"), 1, 1));
        cases.add(completes("deal name of exactly 32,768 characters is kept", (in, o) -> csv(in, HEADER
                + "D-1," + "N".repeat(32_768) + ",Acme,Prospect,100,2032-12-01\n"), 1, 0));
        cases.add(completes("deal name of 32,767 characters twice: a duplicate key that long", (in, o) -> csv(in,
                HEADER + "D-1," + "N".repeat(32_767) + ",Acme,Prospect,100,2032-12-01\nD-2," + "N".repeat(32_767)
                        + ",Acme,Prospect,100,2032-12-01\n"), 2, 0));
        cases.add(completes("an unreadable amount of 20,000 digits is rejected, its value cut", (in, o) -> csv(in,
                HEADER + ROW + "D-2,Deal,Acme,Prospect,1" + "0".repeat(20_000) + "x,2032-12-01\n"), 1, 1));
        cases.add(completes("a header of 40,000 characters", (in, o) -> csv(in, HEADER.strip() + ","
                + "H".repeat(40_000) + "\n" + ROW.strip() + ",extra\n"), 1, 0));
        cases.add(completes("20,000 columns: more than a sheet holds", (in, o) -> {
            StringBuilder header = new StringBuilder(HEADER.strip());
            StringBuilder row = new StringBuilder(ROW.strip());
            for (int i = 0; i < 20_000; i++) {
                header.append(",c").append(i);
                row.append(",v");
            }
            return csv(in, header + "\n" + row + "\n");
        }, 1, 0));
        cases.add(fails("a 100 KB line without a delimiter", (in, o) -> csv(in, "x".repeat(100_000) + "\n"), 3,
                "missing required column"));
        cases.add(completes("a thousand rows, every one rejected", (in, o) -> {
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 0; i < 1000; i++) {
                csv.append("R-").append(i).append(",Deal,Acme,Nowhere,100,2032-12-01\n");
            }
            return csv(in, csv.toString());
        }, 0, 1000));
        // ---- numbers and dates at and beyond their limits
        cases.add(completes("the largest amount accepted", (in, o) -> amount(in, "999999999999999.99"), 1, 0));
        cases.add(completes("an amount of 16 integer digits is BAD_AMOUNT", (in, o) -> amount(in,
                "1000000000000000"), 0, 1));
        cases.add(completes("an amount of 19 integer digits is BAD_AMOUNT", (in, o) -> amount(in,
                "1234567890123456789"), 0, 1));
        cases.add(completes("an amount in exponent notation is BAD_AMOUNT", (in, o) -> amount(in, "1E+999999999"),
                0, 1));
        cases.add(completes("an amount with twelve decimals", (in, o) -> amount(in, "0.123456789012"), -1, -1));
        cases.add(completes("a negative amount in parentheses", (in, o) -> amount(in, "(1,234.00)"), 1, 0));
        cases.add(completes("a probability of 1E+999999999 is BAD_PROBABILITY", (in, o) -> csv(in,
                "deal_id,stage,amount,close_date,probability\nD-1,Prospect,100,2032-12-01,1E+999999999\n"), 0, 1));
        cases.add(completes("a probability of 1E-999999999 is BAD_PROBABILITY", (in, o) -> csv(in,
                "deal_id,stage,amount,close_date,probability\nD-1,Prospect,100,2032-12-01,1E-999999999\n"), 0, 1));
        cases.add(completes("a probability of 150 % is BAD_PROBABILITY", (in, o) -> csv(in,
                "deal_id,stage,amount,close_date,probability\nD-1,Prospect,100,2032-12-01,150%\n"), 0, 1));
        cases.add(completes("31 February is BAD_DATE", (in, o) -> date(in, "2032-02-31"), 0, 1));
        cases.add(completes("the year 9999 is a placeholder date", (in, o) -> date(in, "9999-12-31"), 1, 0));
        cases.add(completes("the largest ISO year", (in, o) -> date(in, "+999999999-12-31"), -1, -1));
        cases.add(completes("an Excel serial beyond any date", (in, o) -> date(in, "99999999999999"), -1, -1));
        cases.add(completes("month 13 with a time is BAD_DATE", (in, o) -> date(in, "2032-13-01T10:00:00"), 0, 1));
        cases.add(completes("a currency that is not a code is BAD_CURRENCY", (in, o) -> csv(in,
                "deal_id,stage,amount,currency,close_date\nD-1,Prospect,100,US$$,2032-12-01\n"), 0, 1));
        cases.add(completes("a currency without a rate is NO_FX_RATE", (in, o) -> csv(in,
                "deal_id,stage,amount,currency,close_date\nD-1,Prospect,100,XAU,2032-12-01\n"), 0, 1));
        // ---- broken and malicious workbooks
        cases.add(fails("a truncated .xlsx", (in, o) -> {
            Files.write(in.resolve("deals.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14});
            return o;
        }, 3, "deals.xlsx"));
        cases.add(fails("an old .xls (OLE2) named .xlsx", (in, o) -> {
            Files.write(in.resolve("deals.xlsx"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2});
            return o;
        }, 3, "old .xls format"));
        cases.add(fails("random bytes named .xlsx", (in, o) -> {
            byte[] noise = new byte[4096];
            new java.util.Random(15).nextBytes(noise);
            Files.write(in.resolve("deals.xlsx"), noise);
            return o;
        }, 3, "deals.xlsx"));
        cases.add(completes("a well-formed workbook with a formula error in a cell", (in, o) -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(
                    in.resolve("deals.xlsx"))) {
                var sheet = workbook.createSheet("Deals");
                String[] header = HEADER.strip().split(",");
                var first = sheet.createRow(0);
                for (int i = 0; i < header.length; i++) {
                    first.createCell(i).setCellValue(header[i]);
                }
                var row = sheet.createRow(1);
                String[] values = ROW.strip().split(",");
                for (int i = 0; i < values.length; i++) {
                    row.createCell(i).setCellValue(values[i]);
                }
                var error = sheet.createRow(2);
                for (int i = 0; i < values.length; i++) {
                    error.createCell(i).setCellValue(values[i].replace("D-1", "D-2"));
                }
                error.getCell(4).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.DIV0.getCode());
                workbook.write(out);
            }
            return o;
        }, 1, 1));
        cases.add(fails("a sheet that names row 5 twice", (in, o) -> xlsx(in, sheet(
                row(1, HEADER.strip().split(",")), row(5, ROW.strip().split(",")),
                row(5, ROW.strip().replace("D-1", "D-2").split(",")))), 3, "not numbered in order"));
        cases.add(fails("rows numbered backwards", (in, o) -> xlsx(in, sheet(row(1, HEADER.strip().split(",")),
                row(9, ROW.strip().split(",")), row(3, ROW.strip().replace("D-1", "D-2").split(",")))), 3,
                "not numbered in order"));
        cases.add(completes("a row numbered beyond Excel's last row", (in, o) -> xlsx(in, sheet(
                row(1, HEADER.strip().split(",")), row(2_000_000, ROW.strip().split(",")))), -1, -1));
        cases.add(fails("XXE: an external entity in the sheet", (in, o) -> xlsx(in, "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + sheet(row(1, "deal_id", "&xxe;"))
                        .replace("<?xml version=\"1.0\"?>", "")), 3, "deals.xlsx"));
        cases.add(fails("billion laughs in the sheet", (in, o) -> {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY a0 \"lol\">");
            for (int i = 1; i <= 10; i++) {
                dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10))
                        .append("\">");
            }
            dtd.append("]>");
            return xlsx(in, "<?xml version=\"1.0\"?>" + dtd + sheet(row(1, "deal_id", "&a10;"))
                    .replace("<?xml version=\"1.0\"?>", ""));
        }, 3, "deals.xlsx"));
        cases.add(fails("a zip bomb: 50 MB of sheet in a small file", (in, o) -> {
            String padding = " ".repeat(50 * 1024 * 1024);
            return xlsx(in, sheet(row(1, HEADER.strip().split(","))).replace("</sheetData>", "</sheetData>"
                    + "<!--" + padding + "-->"));
        }, 3, "deals.xlsx"));
        // ---- malicious and broken YAML
        cases.add(fails("a playbook with a !!java tag", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.writeString(in.getParent().resolve("playbook.yml"), "id: evil\nstages: "
                    + "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                    + "[\"http://localhost:1/\"]]]]\n");
            return o.withPlaybook(yaml.toString());
        }, 2, "playbook.yml"));
        cases.add(fails("a playbook YAML bomb", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withPlaybook(yamlBomb(in.getParent().resolve("playbook.yml")).toString());
        }, 2, "playbook.yml"));
        cases.add(fails("a playbook nested 10,000 levels deep", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.writeString(in.getParent().resolve("playbook.yml"), "id: deep\nstages: "
                    + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
            return o.withPlaybook(yaml.toString());
        }, 2, "playbook.yml"));
        cases.add(fails("a playbook that is binary", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.write(in.getParent().resolve("playbook.yml"), new byte[] {0, 1, 2, (byte) 0xFF, 0});
            return o.withPlaybook(yaml.toString());
        }, 2, "playbook.yml: not valid YAML: it holds bytes that are not UTF-8 text"));
        cases.add(fails("a mapping that is binary", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.write(in.getParent().resolve("mapping.yml"), new byte[] {0, 1, 2, (byte) 0xFF, 0});
            return o.withMapping(yaml.toString());
        }, 2, "mapping.yml"));
        cases.add(fails("an empty playbook", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withPlaybook(Files.writeString(in.getParent().resolve("playbook.yml"), "").toString());
        }, 2, "playbook.yml"));
        cases.add(fails("a playbook probability of 1E+999999999", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.writeString(in.getParent().resolve("playbook.yml"), "id: big\nname: Big\n"
                    + "stages:\n  - id: prospect\n    name: Prospect\n    probability: 1E+999999999\n"
                    + "    category: pipeline\n");
            return o.withPlaybook(yaml.toString());
        }, 2, "playbook.yml"));
        cases.add(fails("a mapping with a !!java tag", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.writeString(in.getParent().resolve("mapping.yml"), "columns: !!java.io.File "
                    + "[\"/etc/passwd\"]\n");
            return o.withMapping(yaml.toString());
        }, 2, "mapping.yml"));
        cases.add(fails("a mapping YAML bomb", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withMapping(yamlBomb(in.getParent().resolve("mapping.yml")).toString());
        }, 2, "mapping.yml"));
        cases.add(fails("a mapping whose columns are a list", (in, o) -> {
            csv(in, HEADER + ROW);
            Path yaml = Files.writeString(in.getParent().resolve("mapping.yml"), "columns: [a, b]\n");
            return o.withMapping(yaml.toString());
        }, 2, "mapping.yml"));
        cases.add(fails("a mapping that does not exist", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withMapping(in.getParent().resolve("missing.yml").toString());
        }, 2, "missing.yml"));
        // ---- bad reference files
        cases.add(fails("an fx rate of 1E+999999999", (in, o) -> fx(in, "currency,rate\nEUR,1E+999999999\n"), 3,
                "fx-rates.csv line 2"));
        cases.add(fails("an fx rate of 1E-999999999", (in, o) -> fx(in, "currency,rate\nEUR,1E-999999999\n"), 3,
                "fx-rates.csv line 2"));
        cases.add(fails("an fx rate of zero", (in, o) -> fx(in, "currency,rate\nEUR,0\n"), 3, "fx-rates.csv line 2"));
        cases.add(fails("an fx rate that is not a number", (in, o) -> fx(in, "currency,rate\nEUR,one\n"), 3,
                "is not a number"));
        cases.add(fails("fx-rates.csv without its columns", (in, o) -> fx(in, "code,value\nEUR,1.1\n"), 3,
                "currency,rate"));
        cases.add(fails("fx-rates.csv with an unterminated quote", (in, o) -> fx(in, "currency,rate\n\"EUR,1.1\n"),
                3, "fx-rates.csv"));
        cases.add(completes("fx-rates.csv with a header named twice", (in, o) -> fx(in,
                "currency,rate,rate\nEUR,1,1\n"), 1, 0));
        cases.add(fails("a quota of 1E+999999999", (in, o) -> quotas(in, "owner_or_team,period,amount\n"
                + "Anna,FY2032,1E+999999999\n"), 3, "quotas.csv line 2"));
        cases.add(fails("a quota period that is not a period", (in, o) -> quotas(in, "owner_or_team,period,amount\n"
                + "Anna,next year,100\n"), 3, "quotas.csv line 2"));
        cases.add(fails("quotas.csv with an unterminated quote", (in, o) -> quotas(in,
                "owner_or_team,period,amount\n\"Anna,FY2032,100\n"), 3, "quotas.csv"));
        // ---- file system oddities
        cases.add(fails("two input folders each holding deals.csv", (in, o) -> {
            csv(in, HEADER + ROW);
            Path other = Files.createDirectories(in.getParent().resolve("other"));
            csv(other, HEADER + ROW);
            return o.withInput(List.of(in.toString(), other.toString()));
        }, 3, "two inputs have this file name"));
        cases.add(fails("one file given twice", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withInput(List.of(in.resolve("deals.csv").toString(), in.resolve("deals.csv").toString()));
        }, 2, "is given twice"));
        cases.add(fails("a folder and a file in it", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withInput(List.of(in.toString(), in.resolve("deals.csv").toString()));
        }, 2, "is given twice"));
        cases.add(fails("a link to an export beside it", (in, o) -> {
            csv(in, HEADER + ROW);
            Files.createSymbolicLink(in.resolve("link.csv"), in.resolve("deals.csv"));
            return o;
        }, 2, "are the same file"));
        cases.add(completes("a dangling link is not an export", (in, o) -> {
            csv(in, HEADER + ROW);
            Files.createSymbolicLink(in.resolve("gone.csv"), in.resolve("nowhere.csv"));
            return o;
        }, 1, 0));
        cases.add(completes("a FIFO is not an export", (in, o) -> {
            csv(in, HEADER + ROW);
            new ProcessBuilder("mkfifo", in.resolve("pipe.csv").toString()).start().waitFor();
            return o;
        }, 1, 0));
        cases.add(completes("a folder named like an export", (in, o) -> {
            csv(in, HEADER + ROW);
            Files.createDirectories(in.resolve("folder.csv"));
            return o;
        }, 1, 0));
        cases.add(fails("an export nobody may read", (in, o) -> {
            assumeNotRoot();
            csv(in, HEADER + ROW);
            Files.setPosixFilePermissions(in.resolve("deals.csv"), java.util.Set.of());
            return o;
        }, 3, "deals.csv"));
        cases.add(fails("--reports naming a read-only folder", (in, o) -> {
            assumeNotRoot();
            csv(in, HEADER + ROW);
            Path readOnly = Files.createDirectories(in.getParent().resolve("read-only"));
            Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "r-xr-xr-x"));
            return reportsAt(o, readOnly);
        }, 2, "cannot write into the folder"));
        cases.add(fails("an empty input folder", (in, o) -> o, 3, "no deal export"));
        cases.add(fails("an input that does not exist", (in, o) -> o.withInput(List.of(in.resolve("gone")
                .toString())), 3, "no such file or folder"));
        cases.add(fails("--reports naming a file", (in, o) -> {
            csv(in, HEADER + ROW);
            Path file = Files.writeString(in.getParent().resolve("reports.txt"), "x");
            return reportsAt(o, file);
        }, 2, "is a file, not a folder"));
        cases.add(fails("--reports below a file", (in, o) -> {
            csv(in, HEADER + ROW);
            Path file = Files.writeString(in.getParent().resolve("reports.txt"), "x");
            return reportsAt(o, file.resolve("sub"));
        }, 2, "cannot create the folder"));
        cases.add(completes("left-overs of a killed run beside the reports", (in, o) -> {
            csv(in, HEADER + ROW);
            Path reports = Path.of(o.reports());
            Files.createDirectories(reports.resolve(".staging-2031-12-31-7")).resolve("x");
            Path foreign = Files.createDirectories(reports.resolve(".staging-2031-12-31-r7-e7-p1-elsewhere"));
            Files.writeString(foreign.resolve("forecast.pdf"), "half");
            Files.setLastModifiedTime(foreign, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                    .minus(java.time.Duration.ofDays(2))));
            return o;
        }, 1, 0));
        // ---- bad options
        cases.add(launcher("--chunk-size=lots", 2, "--chunk-size: expected a whole number, found 'lots'",
                "--chunk-size=lots"));
        cases.add(launcher("--top-deals=1e3", 2, "--top-deals: expected a whole number", "--top-deals=1e3"));
        cases.add(launcher("--probability-margin=much", 2, "--probability-margin", "--probability-margin=much"));
        cases.add(launcher("an unknown option", 2, "unknown option --frobnicate", "--frobnicate=1"));
        cases.add(launcher("an argument without --", 2, "unexpected argument 'input'", "input"));
        cases.add(launcher("--input without a value", 2, "--input needs a value", "--input="));
        cases.add(fails("--chunk-size=0", (in, o) -> withChunkSize(o, 0), 2, "--chunk-size"));
        cases.add(fails("--run-date=2032-02-30", (in, o) -> o.withRunDate("2032-02-30"), 2, "--run-date"));
        cases.add(fails("--zone=Mars/Olympus", (in, o) -> zone(o, "Mars/Olympus"), 2, "--zone"));
        cases.add(fails("--weights=magic", (in, o) -> o.withForecasting(1, "magic", 20), 2, "--weights"));
        cases.add(fails("--fiscal-year-start=13", (in, o) -> o.withForecasting(13, "playbook", 20), 2, "13"));
        cases.add(fails("--encoding=NOPE", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withReading("NOPE", null, null);
        }, 2, "NOPE"));
        cases.add(fails("--date-format=yyyy-bb-dd", (in, o) -> {
            csv(in, HEADER + ROW);
            return o.withReading(null, null, "yyyy-bb-dd");
        }, 2, "yyyy-bb-dd"));
        cases.add(fails("--sheet naming no sheet", (in, o) -> {
            xlsx(in, sheet(row(1, HEADER.strip().split(",")), row(2, ROW.strip().split(","))));
            return o.withReading(null, "Nope", null);
        }, 3, "no sheet named 'Nope'"));
        cases.add(fails("--playbook naming no playbook", (in, o) -> o.withPlaybook("nine-stage"), 2,
                "unknown playbook"));

        CASES.clear();
        cases.forEach(c -> CASES.add(c.name()));
        return cases.stream();
    }

    /** Permissions do not stop root: cases about them are skipped when the suite runs as root. */
    private static void assumeNotRoot() {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "file permissions do not apply to root");
    }

    // ---- case builders

    private static Case completes(String name, Setup setup, long accepted, long rejected) {
        return new Case(name, setup, null, 0, "completed", accepted, rejected);
    }

    private static Case fails(String name, Setup setup, int exit, String cause) {
        return new Case(name, setup, null, exit, cause, -1, -1);
    }

    private static Case launcher(String name, int exit, String cause, String... args) {
        return new Case(name, null, args, exit, cause, -1, -1);
    }

    // ---- inputs

    private static PipelineProperties csv(Path input, String text) throws IOException {
        Files.writeString(input.resolve("deals.csv"), text);
        return null;
    }

    private static PipelineProperties write(Path input, String name, byte[] bom, String text, Charset charset)
            throws IOException {
        Files.write(input.resolve(name), concat(bom, text.getBytes(charset)));
        return null;
    }

    private static PipelineProperties amount(Path input, String amount) throws IOException {
        return csv(input, HEADER + "D-1,Deal,Acme,Prospect," + quoted(amount) + ",2032-12-01\n");
    }

    private static PipelineProperties date(Path input, String date) throws IOException {
        return csv(input, HEADER + "D-1,Deal,Acme,Prospect,100," + date + "\n");
    }

    private static PipelineProperties fx(Path input, String rates) throws IOException {
        csv(input, HEADER + ROW);
        Files.writeString(input.resolve("fx-rates.csv"), rates);
        return null;
    }

    private static PipelineProperties quotas(Path input, String quotas) throws IOException {
        csv(input, HEADER + ROW);
        Files.writeString(input.resolve("quotas.csv"), quotas);
        return null;
    }

    private static String quoted(String value) {
        return value.contains(",") ? "\"" + value + "\"" : value;
    }

    private static byte[] bom(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static Path yamlBomb(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j > 0 ? "," : "").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return Files.writeString(file, yaml.toString());
    }

    /** A minimal .xlsx written by hand: the worksheet XML is whatever the case needs, inline strings. */
    private static PipelineProperties xlsx(Path input, String sheetXml) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\""
                + "application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                + "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
                + "PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas."
                + "openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships\"><sheets><sheet name=\"Deals\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                + "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\""
                + "worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", sheetXml);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(input.resolve("deals.xlsx")))) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return null;
    }

    private static String sheet(String... rows) {
        return "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData>" + String.join("", rows) + "</sheetData></worksheet>";
    }

    private static String row(int number, String... values) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        for (int i = 0; i < values.length; i++) {
            row.append("<c r=\"").append((char) ('A' + i)).append(number).append("\" t=\"inlineStr\"><is><t>")
                    .append(values[i]).append("</t></is></c>");
        }
        return row.append("</row>").toString();
    }

    // ---- options

    private static PipelineProperties reportsAt(PipelineProperties o, Path reports) {
        return new PipelineProperties(o.input(), o.runDate(), o.playbook(), o.reportingCurrency(),
                o.defaultCurrency(), reports.toString(), o.zone(), o.fxRates(), o.mapping(), o.encoding(), o.sheet(),
                o.dateFormat(), o.chunkSize(), o.probabilityMargin(), o.fiscalYearStart(), o.weights(),
                o.calibrationMinDeals(), o.rerun(), o.reportsLockWait());
    }

    private static PipelineProperties withChunkSize(PipelineProperties o, int chunkSize) {
        return new PipelineProperties(o.input(), o.runDate(), o.playbook(), o.reportingCurrency(),
                o.defaultCurrency(), o.reports(), o.zone(), o.fxRates(), o.mapping(), o.encoding(), o.sheet(),
                o.dateFormat(), chunkSize, o.probabilityMargin(), o.fiscalYearStart(), o.weights(),
                o.calibrationMinDeals(), o.rerun(), o.reportsLockWait());
    }

    private static PipelineProperties zone(PipelineProperties o, String zone) {
        return new PipelineProperties(o.input(), null, o.playbook(), o.reportingCurrency(),
                o.defaultCurrency(), o.reports(), zone, o.fxRates(), o.mapping(), o.encoding(), o.sheet(),
                o.dateFormat(), o.chunkSize(), o.probabilityMargin(), o.fiscalYearStart(), o.weights(),
                o.calibrationMinDeals(), o.rerun(), o.reportsLockWait());
    }
}
