package com.pipelineforecast.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.pipelineforecast.domain.Deal;

/** A partition's export rows: what a rolled-back chunk wrote is cut away when the partition restarts. */
class ExportRowsTest {

    @Test
    void aRestartCutsTheFileBackToTheLastCommittedChunk(@TempDir Path database) throws Exception {
        Path file = ExportRows.file(database, 7, "deals.csv");
        ExecutionContext committed = new ExecutionContext();
        ExportRows.Writer writer = new ExportRows.Writer(file);
        writer.open(committed);
        writer.write(chunk(2, 3));
        writer.update(committed);
        // a chunk written but rolled back: its position is never saved
        writer.write(chunk(4, 5));
        writer.close();

        ExportRows.Writer restarted = new ExportRows.Writer(file);
        restarted.open(committed);
        restarted.write(chunk(4, 6));
        restarted.update(committed);
        restarted.close();

        try (ExportRows.Reader reader = ExportRows.Reader.open(file)) {
            assertThat(reader.valuesOf(2)).isEqualTo("a2\u001Fb2");
            assertThat(reader.valuesOf(3)).isEqualTo("a3\u001Fb3");
            assertThat(reader.valuesOf(4)).isEqualTo("a4\u001Fb4");
            assertThat(reader.valuesOf(5)).isNull();
            assertThat(reader.valuesOf(6)).isEqualTo("a6\u001Fb6");
            assertThat(reader.valuesOf(7)).isNull();
        }
        try (ExportRows.Reader none = ExportRows.Reader.open(database.resolve("absent.rows"))) {
            assertThat(none.valuesOf(1)).isNull();
        }
    }

    private static Chunk<IngestOutcome> chunk(int... lines) {
        Chunk<IngestOutcome> chunk = new Chunk<>();
        for (int line : lines) {
            chunk.add(IngestOutcome.accepted(7, deal(line), row(line)));
        }
        return chunk;
    }

    private static com.pipelineforecast.ingest.SourceRow row(int line) {
        return new com.pipelineforecast.ingest.SourceRow("deals.csv", line, com.pipelineforecast.ingest.HeaderMap.of(
                List.of("deal_id", "stage", "amount", "a", "b"), List.of()),
                new String[] {"D-" + line, "Qualified", "1", "a" + line, "b" + line});
    }

    private static Deal deal(int line) {
        BigDecimal one = BigDecimal.ONE;
        return new Deal("deals.csv", line, "D-" + line, null, null, null, null, null, "qualified", 2, "qualified", 2,
                null, "pipeline", true, false, false, one, "USD", one, null, null, null, null, null, null, one, one, one,
                one, List.of(), "Qualified", false);
    }
}
