package com.pipelineforecast.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.RejectionReason;
import com.pipelineforecast.history.IngestOutcome;
import com.pipelineforecast.ingest.DealRowParser;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.RowRejectedException;
import com.pipelineforecast.ingest.SourceRow;
import com.pipelineforecast.ingest.TextLimits;
import com.pipelineforecast.validation.CheckResult;
import com.pipelineforecast.validation.ChecklistChecker;
import com.pipelineforecast.validation.ConsistencyChecker;
import com.pipelineforecast.validation.DealWeigher;

/**
 * Turns every row read into exactly one outcome: a checked, weighed deal, a rejected row with its reason, or a
 * skipped title or footer line. Nothing is filtered, so rows read = deals accepted + rows rejected by
 * construction, and every skipped line is on record.
 */
public class DealProcessor implements ItemProcessor<SourceRow, IngestOutcome> {

    private final long runId;
    private final DealRowParser parser;
    private final ChecklistChecker checker;
    private final ConsistencyChecker consistency;
    private final DealWeigher weigher;

    public DealProcessor(RunContext context) {
        RunSettings settings = context.settings();
        this.runId = context.runId();
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
            return IngestOutcome.skipped(runId, row);
        }
        if (DealRowParser.deleted(row)) {
            return IngestOutcome.skipped(runId, new SourceRow(row.file(), row.line(), row.header(),
                    row.values(), "DELETED_RECORD"));
        }
        RejectedRow tooLong = tooLongField(row);
        if (tooLong != null) {
            return IngestOutcome.rejected(runId, shortened(tooLong));
        }
        try {
            ParsedDeal deal = parser.parse(row);
            CheckResult checked = checker.check(deal);
            List<Finding> findings = new ArrayList<>(checked.findings());
            findings.addAll(consistency.check(deal));
            return IngestOutcome.accepted(runId, weigher.weigh(deal, new CheckResult(checked.evidencedStage(),
                    findings, checked.assessed())), row);
        } catch (RowRejectedException e) {
            return IngestOutcome.rejected(runId, shortened(e.toRejectedRow(row)));
        }
    }

    /** A field longer than the history can hold rejects its row: no value of it is used, none is cut silently. */
    static RejectedRow tooLongField(SourceRow row) {
        String[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].length() > TextLimits.FIELD) {
                List<String> headers = row.header().headers();
                String column = i < headers.size() ? headers.get(i) : "column " + (i + 1);
                return new RejectedRow(row.file(), row.line(), column, values[i], RejectionReason.FIELD_TOO_LONG,
                        values[i].length() + " characters, more than the " + TextLimits.FIELD + " a field may hold");
            }
        }
        return null;
    }

    /** Column, value and reason of a rejected row cut to {@link TextLimits#REJECTED_VALUE} characters. */
    static RejectedRow shortened(RejectedRow rejected) {
        return rejected.cut(TextLimits.REJECTED_VALUE);
    }
}
