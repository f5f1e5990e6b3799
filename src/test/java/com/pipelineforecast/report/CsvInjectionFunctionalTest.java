package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.TestRuns;

/** rejected.csv and findings.csv never hold a cell that a spreadsheet would run as a formula. */
// a few rows out of a handful rejected is far over --max-rejected: these cases are about each row's fate,
// not about the night's completeness (exit 4, tested in CrmExportsFunctionalTest)
@org.springframework.test.context.TestPropertySource(properties = "pipeline.max-rejected=100")
class CsvInjectionFunctionalTest extends JobTestSupport {

    @Test
    void formulaLikeCellsAreQuotePrefixedAndPlainNegativeNumbersKept() throws IOException {
        Path input = Files.createDirectories(work.resolve("csv-injection"));
        String csv = "deal_id,deal_name,stage,amount,close_date\n"
                + "\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",Link,@SUM(A1:A9),100,2031-12-01\n"
                + "I-2,Formula amount,Prospect,-1+2,2031-12-01\n"
                + "I-3,Negative date,Prospect,100,-12.50\n"
                + "+1-555,Phone as id,Prospect,,2031-12-01\n"
                + "@cmd,Open,Prospect,100,\n";
        Files.writeString(input.resolve("deals.csv"), csv);

        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-01-05", 10));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        List<CSVRecord> rejected = read(outcome.reportFolder().resolve("rejected.csv"));
        assertThat(rejected).extracting(r -> r.get("line") + "|" + r.get("value"))
                .containsExactly("2|'@SUM(A1:A9)", "3|'-1+2", "4|-12.50");
        List<CSVRecord> findings = read(outcome.reportFolder().resolve("findings.csv"));
        assertThat(findings).extracting(r -> r.get("deal_id")).contains("'+1-555", "'@cmd")
                .noneMatch(id -> id.startsWith("+") || id.startsWith("@") || id.startsWith("="));
        for (CSVRecord row : concat(rejected, findings)) {
            for (String cell : row) {
                assertThat(cell).as("cell of line " + row.getRecordNumber())
                        .matches(c -> c.isEmpty() || "=+@\t\r".indexOf(c.charAt(0)) < 0
                                || c.matches("-[0-9][0-9.,]*"));
            }
        }
    }

    @Test
    void safeCellFollowsTheOwaspRule() {
        assertThat(CsvReport.safeCell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvReport.safeCell("+49 30 1234")).isEqualTo("'+49 30 1234");
        assertThat(CsvReport.safeCell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvReport.safeCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvReport.safeCell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvReport.safeCell("\rcmd")).isEqualTo("'\rcmd");
        assertThat(CsvReport.safeCell("-12.50")).isEqualTo("-12.50");
        assertThat(CsvReport.safeCell("-1,234.00")).isEqualTo("-1,234.00");
        assertThat(CsvReport.safeCell("-")).isEqualTo("'-");
        assertThat(CsvReport.safeCell("Acme = good")).isEqualTo("Acme = good");
        assertThat(CsvReport.safeCell("")).isEmpty();
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (var reader = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static List<CSVRecord> concat(List<CSVRecord> a, List<CSVRecord> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
