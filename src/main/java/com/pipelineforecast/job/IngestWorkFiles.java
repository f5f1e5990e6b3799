package com.pipelineforecast.job;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import com.pipelineforecast.history.DealRecords;
import com.pipelineforecast.history.ExportRows;
import com.pipelineforecast.history.IngestOutcome;

/**
 * What an ingest partition writes to the run's work folder beside the database: the deals as the reports read them
 * and the export's other columns, each file cut back to its last committed chunk on a restart. A class, not a
 * record: the step scope proxies it by subclassing.
 */
class IngestWorkFiles implements ItemStream {

    private final DealRecords.Writer deals;
    private final ExportRows.Writer exportRows;

    IngestWorkFiles(DealRecords.Writer deals, ExportRows.Writer exportRows) {
        this.deals = deals;
        this.exportRows = exportRows;
    }

    void write(Chunk<? extends IngestOutcome> chunk) {
        deals.write(chunk.getItems().stream().map(IngestOutcome::deal).filter(java.util.Objects::nonNull).toList());
        exportRows.write(chunk);
    }

    @Override
    public void open(ExecutionContext context) {
        deals.open(context);
        exportRows.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        deals.update(context);
        exportRows.update(context);
    }

    @Override
    public void close() {
        try {
            deals.close();
        } finally {
            exportRows.close();
        }
    }
}
