package com.pipelineforecast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moved deals of a night read back as written, in order, nulls and all; a pass that did not commit leaves none. */
class MovedDealsFileTest {

    @TempDir
    Path folder;

    @Test
    void movesReadBackAsWritten() {
        List<MovementAnalyzer.Move> moves = List.of(
                new MovementAnalyzer.Move("new", "D-1", null, "qualified", null, new BigDecimal("1000.50"), null,
                        LocalDate.of(2027, 1, 31), null, new BigDecimal("250.13"), "Renewal 2026 李", "Anna", "qualified"),
                new MovementAnalyzer.Move("removed", "D-2", "proposal", null, new BigDecimal("-0.00"), null,
                        LocalDate.of(2026, 12, 1), null, new BigDecimal("12345678901234.56"), null, null, null, null));
        Path file = MovedDealsFile.of(folder.resolve("work"));
        try (MovedDealsFile.Writer writer = new MovedDealsFile.Writer(file)) {
            moves.forEach(writer::add);
            writer.commit();
        }
        List<MovementAnalyzer.Move> read = new ArrayList<>();
        assertThat(MovedDealsFile.forEach(file, read::add)).isTrue();
        assertThat(read).isEqualTo(moves);
        assertThat(read.get(1).amountBefore().scale()).isEqualTo(2);
    }

    @Test
    void aPassThatDidNotCommitLeavesNoFile() throws Exception {
        Path file = MovedDealsFile.of(folder);
        try (MovedDealsFile.Writer writer = new MovedDealsFile.Writer(file)) {
            writer.add(new MovementAnalyzer.Move("won", "D-3", "proposal", "won", null, null, null, null, null, null,
                    null, null, null));
        }
        assertThat(MovedDealsFile.forEach(file, move -> { })).isFalse();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }
}
