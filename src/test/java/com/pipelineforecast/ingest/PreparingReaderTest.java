package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * {@link DealExportReader#preparing}: every row prepared once, in file order, the first ones (read ahead for the
 * dates) on the caller's thread and the rest on the reading thread; a restart skips the committed rows without
 * preparing them; a failure, an Error too, is thrown where its row would have been read instead of leaving the
 * step waiting.
 */
class PreparingReaderTest {

    private static final int ROWS = 3_000;

    @TempDir
    Path folder;

    @Test
    void preparesEveryRowOnceInOrderAndARestartSkipsTheCommittedOnes() throws Exception {
        Path file = export();
        List<Integer> prepared = java.util.Collections.synchronizedList(new ArrayList<>());
        ItemStreamReader<Integer> reader = new DealExportReader(file, List.of(), ReadOptions.DEFAULT)
                .preparing(row -> {
                    prepared.add(row.line());
                    return row.line();
                });
        ExecutionContext context = new ExecutionContext();
        reader.open(context);
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < 1_800; i++) {
            lines.add(reader.read());
        }
        reader.update(context);
        reader.close();
        assertThat(lines).first().isEqualTo(2);
        assertThat(lines).last().isEqualTo(1_801);

        prepared.clear();
        ItemStreamReader<Integer> restarted = new DealExportReader(file, List.of(), ReadOptions.DEFAULT)
                .preparing(row -> {
                    prepared.add(row.line());
                    return row.line();
                });
        restarted.open(context);
        List<Integer> rest = new ArrayList<>();
        for (Integer line = restarted.read(); line != null; line = restarted.read()) {
            rest.add(line);
        }
        restarted.close();
        assertThat(rest).hasSize(ROWS - 1_800).first().isEqualTo(1_802);
        assertThat(rest).last().isEqualTo(ROWS + 1);
        assertThat(prepared).doesNotContain(1_801).contains(1_802, ROWS + 1);
    }

    @Test
    void anErrorOnTheReadingThreadIsThrownWhereItsRowIsRead() throws IOException {
        Path file = export();
        ItemStreamReader<Integer> reader = new DealExportReader(file, List.of(), ReadOptions.DEFAULT)
                .preparing(row -> {
                    if (row.line() == 2_500) {
                        throw new StackOverflowError("row 2500");
                    }
                    return row.line();
                });
        reader.open(new ExecutionContext());
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 2_498; i++) {
                assertThat(reader.read()).isEqualTo(i + 2);
            }
            assertThatThrownBy(reader::read).isInstanceOf(StackOverflowError.class).hasMessage("row 2500");
        });
        reader.close();
    }

    private Path export() throws IOException {
        StringBuilder csv = new StringBuilder("Deal Id,Stage,Amount,Close Date\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("D-").append(i).append(",Prospect,100,2027-01-01\n");
        }
        return Files.writeString(folder.resolve("deals.csv"), csv.toString());
    }
}
