package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.pipelineforecast.domain.RejectionReason;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;
import com.pipelineforecast.validation.ChecklistChecker;

/** One row per rejection reason: each is refused with the column, the value as written and the reason. */
class RejectionReasonsTest {

    private static final Playbook PLAYBOOK = new PlaybookLoader().load("six-stage");
    private static final FxRates FX = new FxRates(Map.of("EUR", new BigDecimal("1.08")), "USD");

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "NO_DEAL_ID        | ,Prospect,100,USD,2027-01-01,,         | Deal Id      | ",
        "NO_STAGE          | D-1,,100,USD,2027-01-01,,               | Stage        | ",
        "UNKNOWN_STAGE     | D-1,Verhandlung,100,USD,2027-01-01,,    | Stage        | Verhandlung",
        "BAD_AMOUNT        | D-1,Prospect,twelve thousand,USD,2027-01-01,, | Amount | twelve thousand",
        "BAD_DATE          | D-1,Prospect,100,USD,31.02.2026,,       | Close Date   | 31.02.2026",
        "BAD_PROBABILITY   | D-1,Prospect,100,USD,2027-01-01,high,   | Probability  | high",
        "BAD_CURRENCY      | D-1,Prospect,100,Doubloons,2027-01-01,, | Currency     | Doubloons",
        "CURRENCY_CONFLICT | D-1,Prospect,€ 100,USD,2027-01-01,,     | Amount       | € 100",
        "NO_FX_RATE        | D-1,Prospect,100,CHF,2027-01-01,,       | Currency     | CHF",
        "BAD_CHECKLIST_VALUE | D-1,Qualified,100,USD,2027-01-01,,maybe | credit_checked | maybe",
    })
    void rowIsRejectedWithItsReason(String reason, String row, String column, String value) throws IOException {
        Path file = folder.resolve("deals.csv");
        Files.writeString(file, "Deal Id,Stage,Amount,Currency,Close Date,Probability,credit_checked\n" + row + "\n");
        DealExportReader reader = new DealExportReader(file, java.util.List.of("credit_checked"), ReadOptions.DEFAULT);
        reader.open(new ExecutionContext());
        SourceRow source = reader.read();
        assertThat(reader.read()).isNull();
        reader.close();

        RejectedRow rejected = reject(source);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.valueOf(reason));
        assertThat(rejected.detail()).isNotBlank();
        assertThat(rejected.reasonText()).isEqualTo(reason + ": " + rejected.detail());
        assertThat(rejected.column()).isEqualTo(column);
        assertThat(rejected.value()).isEqualTo(value == null ? "" : value);
        assertThat(rejected.file()).isEqualTo("deals.csv");
        assertThat(rejected.line()).isEqualTo(2);
    }

    private static RejectedRow reject(SourceRow row) {
        try {
            ParsedDeal deal = new DealRowParser(PLAYBOOK, FX, "USD", "USD").parse(row);
            new ChecklistChecker(PLAYBOOK, LocalDate.of(2026, 11, 22), FX, "USD").check(deal);
        } catch (RowRejectedException e) {
            return e.toRejectedRow(row);
        }
        throw new AssertionError("the row was accepted: " + String.join(",", row.values()));
    }
}
