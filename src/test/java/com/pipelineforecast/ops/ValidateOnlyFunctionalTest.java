package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.job.ValidateOnly;
import com.pipelineforecast.report.ReportLimits;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** --validate-only: what the night would do, with the night's exit code, and nothing written. */
class ValidateOnlyFunctionalTest extends JobTestSupport {

    @Autowired
    private ValidateOnly validateOnly;

    @Test
    void sampleExportIsDescribedAndNothingIsWritten() throws IOException {
        Path reports = reports().resolve("sample");
        ValidateOnly.Result result = validateOnly.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-02-01",
                100));

        assertThat(result.outcome().exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(result.lines()).contains(
                "file sample-deals.csv: 324 rows = 318 deals + 6 rejected (0 title/footer lines skipped)",
                "total: 324 rows = 318 deals + 6 rejected (0 title/footer lines skipped)",
                "rejected UNKNOWN_STAGE: 1 row",
                "no exchange rate for CHF: those deals would be rejected (NO_FX_RATE); add them to fx-rates.csv",
                "checklist coverage: 29 of 41 items exported; 220 open deals assessed, 0 not assessed",
                "same account and deal name under another deal id: 8 deals (DUPLICATE_DEAL in this night; the night "
                        + "also compares with the previous one)");
        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith(
                "  sample-deals.csv line 92, stage 'Negotiating hard': UNKNOWN_STAGE"));
        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith(
                "unknown stage 'Negotiating hard' on 1 row: map it in a mapping file, under stages:   "
                        + "Negotiating hard: proposed"));
        for (String reason : List.of("NO_DEAL_ID", "BAD_AMOUNT", "BAD_DATE", "NO_FX_RATE", "BAD_CHECKLIST_VALUE")) {
            assertThat(result.lines()).contains("rejected " + reason + ": 1 row");
        }
        assertThat(result.outcome().message()).isEqualTo("validate-only 2033-02-01: 324 rows = 318 deals + 6 "
                + "rejected; nothing written; the night would complete");

        assertThat(reports).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_date = DATE '2033-02-01'",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = "
                + "'runDate' AND PARAMETER_VALUE LIKE '2033-02-01%'", Long.class)).isZero();
    }

    @Test
    void theTotalsAreTheOnesTheNightPublishes() throws IOException {
        Path reports = reports().resolve("night");
        ValidateOnly.Result dry = validateOnly.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-02-02",
                100));
        RunOutcome night = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-02-02", 100));
        RunJson runJson = RunJson.read(night.reportFolder());
        assertThat(dry.lines()).contains(String.format("open pipeline %s USD · weighted as reported %s · "
                + "closed won %s", runJson.total("openAmount").toPlainString(),
                runJson.total("weightedAsReported").toPlainString(), runJson.total("closedWon").toPlainString()));
        // before the duplicate check: at least the night's figure, never above the reported one
        String adjusted = dry.lines().stream().filter(l -> l.startsWith("checklist-adjusted ")).findFirst()
                .orElseThrow().split(" ")[1];
        assertThat(new BigDecimal(adjusted)).isGreaterThanOrEqualTo(runJson.total("weightedChecklistAdjusted"))
                .isLessThanOrEqualTo(runJson.total("weightedAsReported"));
        assertThat(night.exitCode()).isEqualTo(dry.outcome().exitCode());
    }

    @Test
    void moreRejectedThanAllowedExitsFourAsTheNightWould() throws IOException {
        ValidateOnly strict = new ValidateOnly(new ReportLimits(10, ReportLimits.EXCEL_ROWS, "1"));
        Path reports = reports().resolve("strict");
        ValidateOnly.Result result = strict.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-02-03", 100));
        assertThat(result.outcome().exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(result.outcome().message()).endsWith("the night would be published INCOMPLETE: 6 of 324 rows "
                + "(1.9 %) rejected — see rejected.csv (over --max-rejected=1)");
        assertThat(reports).doesNotExist();
    }

    @Test
    void everyUnusableInputIsNamedAndExitsThree() throws IOException {
        Path input = Files.createDirectories(work.resolve("validate-only-unusable"));
        Files.writeString(input.resolve("a-good.csv"), "Opportunity ID,Stage,Amount,Close Date\nX-1,Qualified,100,"
                + "2033-03-01\n");
        Files.writeString(input.resolve("b-no-stage.csv"), "Opportunity ID,Amount,Close Date\nX-2,100,2033-03-01\n");
        Files.writeString(input.resolve("c-no-amount.csv"), "Opportunity ID,Stage,Close Date\nX-3,Qualified,"
                + "2033-03-01\n");
        ValidateOnly.Result result = validateOnly.run(TestRuns.options(input, reports(), "2033-02-04", 100));
        assertThat(result.outcome().exitCode()).isEqualTo(ExitCode.INPUT_UNUSABLE);
        assertThat(result.lines()).filteredOn(l -> l.startsWith("input unusable: ")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("b-no-stage.csv: missing required column 'stage'"))
                .anySatisfy(l -> assertThat(l).contains("c-no-amount.csv: missing required column 'amount'"));
        assertThat(result.outcome().message()).contains("2 of 3 inputs unusable");
    }

    @Test
    void badOptionsExitTwo() throws IOException {
        ValidateOnly.Result result = validateOnly.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(),
                "2033-02-31", 100));
        assertThat(result.outcome().exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(result.outcome().message()).contains("--run-date");
    }

    @Test
    void fromTheCommandLineItUsesNoDatabaseOfItsOwn() throws IOException {
        Path folder = Files.createDirectories(work.resolve("validate-only-cli"));
        int exit = PipelineForecastLauncher.run(new String[] {"--validate-only", "--input=input",
            "--run-date=2033-02-05", "--reports=" + folder.resolve("reports"),
            "--pipeline.database=" + folder.resolve("data")});
        assertThat(exit).isZero();
        assertThat(folder.resolve("reports")).doesNotExist();
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void aBadRecipientsFileExitsTwoAsTheNightWould() throws IOException {
        Path folder = Files.createDirectories(work.resolve("validate-only-recipients"));
        Path recipients = Files.writeString(folder.resolve("recipients.yml"), "- address: anna@example.com\n"
                + "  report: forecast\n  team: \n");
        int exit = PipelineForecastLauncher.run(new String[] {"--validate-only", "--input=input",
            "--run-date=2039-05-02", "--reports=" + folder.resolve("reports"), "--recipients=" + recipients,
            "--pipeline.database=" + folder.resolve("data")});
        assertThat(exit).isEqualTo(ExitCode.BAD_OPTIONS.code());
        assertThat(folder.resolve("reports")).doesNotExist();
    }
}
