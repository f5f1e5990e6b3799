package com.pipelineforecast.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.pipelineforecast.forecast.DealWeigher;
import com.pipelineforecast.history.IngestOutcome;
import com.pipelineforecast.ingest.DealRowParser;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.ingest.RowRejectedException;
import com.pipelineforecast.ingest.SourceRow;
import com.pipelineforecast.validation.CheckResult;
import com.pipelineforecast.validation.ChecklistChecker;
import com.pipelineforecast.validation.ConsistencyChecker;
import com.pipelineforecast.validation.Finding;

/**
 * Turns every row read into exactly one outcome: a checked, weighed deal, a rejected row with its reason, or a
 * skipped title or footer line. Nothing is filtered, so rows read = deals accepted + rows rejected by
 * construction, and every skipped line is on record.
 */
public class DealProcessor implements ItemProcessor<SourceRow, IngestOutcome> {

    private final long runId;
    private final java.time.LocalDate runDate;
    private final DealRowParser parser;
    private final ChecklistChecker checker;
    private final ConsistencyChecker consistency;
    private final DealWeigher weigher;

    public DealProcessor(RunContext context) {
        RunSettings settings = context.settings();
        this.runId = context.runId();
        this.runDate = settings.runDate();
        String defaultCurrency = settings.defaultCurrency() != null ? settings.defaultCurrency()
                : settings.reportingCurrency();
        this.parser = new DealRowParser(context.playbook(), context.fxRates(), settings.reportingCurrency(),
                defaultCurrency, context.readOptions().mapping());
        this.checker = new ChecklistChecker(context.playbook(), settings.runDate(), context.fxRates(),
                settings.reportingCurrency());
        this.consistency = new ConsistencyChecker(settings.runDate(), settings.probabilityMargin());
        this.weigher = context.weigher();
    }

    @Override
    public IngestOutcome process(SourceRow row) {
        if (row.skipReason() != null) {
            return IngestOutcome.skipped(runId, runDate, row);
        }
        if (DealRowParser.deleted(row)) {
            return IngestOutcome.skipped(runId, runDate, new SourceRow(row.file(), row.line(), row.header(),
                    row.values(), "DELETED_RECORD"));
        }
        try {
            ParsedDeal deal = parser.parse(row);
            CheckResult checked = checker.check(deal);
            List<Finding> findings = new ArrayList<>(checked.findings());
            findings.addAll(consistency.check(deal));
            return IngestOutcome.accepted(runId, runDate, weigher.weigh(deal, new CheckResult(checked.evidencedStage(),
                    findings, checked.assessed())), row);
        } catch (RowRejectedException e) {
            return IngestOutcome.rejected(runId, runDate, e.toRejectedRow(row));
        }
    }
}
