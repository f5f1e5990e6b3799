package com.pipelineforecast.job;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import com.pipelineforecast.history.IngestOutcome;

/** Logs ingest progress (rows, rows/s) every few seconds and a line per file when it is done. */
public class IngestProgressListener implements StepExecutionListener, ItemWriteListener<IngestOutcome> {

    private static final Logger log = LoggerFactory.getLogger("pipeline.ingest");
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final String file;
    private Instant started;
    private Instant lastLog;
    private long rows;
    private long rejected;

    public IngestProgressListener(String file) {
        this.file = file;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        started = Instant.now();
        lastLog = started;
        log.info("ingest {}: started", file);
    }

    @Override
    public void afterWrite(Chunk<? extends IngestOutcome> items) {
        rows += items.size();
        for (IngestOutcome outcome : items) {
            if (outcome.rejected() != null) {
                rejected++;
            }
        }
        Instant now = Instant.now();
        if (Duration.between(lastLog, now).compareTo(EVERY) >= 0) {
            lastLog = now;
            log.info("ingest {}: {} rows ({} rows/s)", file, String.format("%,d", rows), rate(now));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        log.info("ingest {}: {} rows this attempt, {} rejected, {} rows/s, {}", file, String.format("%,d", rows),
                String.format("%,d", rejected), rate(Instant.now()), stepExecution.getStatus());
        return stepExecution.getExitStatus();
    }

    private String rate(Instant now) {
        long millis = Math.max(1, Duration.between(started, now).toMillis());
        return String.format("%,d", rows * 1000 / millis);
    }
}
