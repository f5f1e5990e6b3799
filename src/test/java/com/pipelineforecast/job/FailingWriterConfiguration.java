package com.pipelineforecast.job;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

import com.pipelineforecast.history.DealSnapshotWriter;
import com.pipelineforecast.history.ExportColumnsRepository;
import com.pipelineforecast.history.IngestOutcome;

/**
 * Profile {@code failing-writer}: the ingest writer writes a chunk and then, once armed, throws after a given
 * number of rows, as a crash mid-ingest would. The failing chunk's rows roll back with its transaction.
 */
@TestConfiguration
@Profile("failing-writer")
class FailingWriterConfiguration {

    /** Rows after which the next write fails, once; negative when disarmed. */
    static final AtomicLong FAIL_AFTER = new AtomicLong(-1);
    static final AtomicLong WRITTEN = new AtomicLong();

    static void armAfter(long rows) {
        WRITTEN.set(0);
        FAIL_AFTER.set(rows);
    }

    @Bean
    @Primary
    DealSnapshotWriter failingSnapshotWriter(JdbcTemplate jdbc, ExportColumnsRepository exportColumns) {
        return new DealSnapshotWriter(jdbc, exportColumns) {
            @Override
            public void write(Chunk<? extends IngestOutcome> chunk) {
                super.write(chunk);
                long limit = FAIL_AFTER.get();
                if (limit >= 0 && WRITTEN.addAndGet(chunk.size()) > limit && FAIL_AFTER.compareAndSet(limit, -1)) {
                    throw new IllegalStateException("injected failure after " + WRITTEN.get() + " rows");
                }
            }
        };
    }
}
