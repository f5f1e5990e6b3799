package com.pipelineforecast.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Deal;
import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.domain.RejectionReason;
import com.pipelineforecast.history.IngestOutcome;
import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.ingest.DealExportReader;
import com.pipelineforecast.ingest.HeaderMap;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.ingest.InputUnusableException;
import com.pipelineforecast.ingest.MappingLoader;
import com.pipelineforecast.ingest.RejectedRow;
import com.pipelineforecast.ingest.StageResolver;
import com.pipelineforecast.playbook.CheckKind;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.PlaybookException;
import com.pipelineforecast.playbook.PlaybookLoader;
import com.pipelineforecast.report.ReportLimits;
import com.pipelineforecast.validation.DataQualityAnalyzer;

/**
 * {@code --validate-only}: reads and checks every export exactly as the night would (the same reader, parser,
 * checklist and weights, row by row, in bounded memory) and prints what the night would do — rows, deals, rejected
 * rows by reason with the first examples, unknown stage values with their mapping lines, checklist coverage,
 * missing exchange rates, duplicates, the totals — without the job repository: no history, no reports. The exit
 * code is the one the night would end with: 0, 2, 3, or 4 when more rows would be rejected than
 * {@code --max-rejected} allows.
 */
@Component
public class ValidateOnly {

    private static final Logger log = LoggerFactory.getLogger("pipeline.validate");
    static final int EXAMPLES = 3;

    private final ReportLimits limits;

    public ValidateOnly(ReportLimits limits) {
        this.limits = limits;
    }

    /** The result of a dry run: its exit code, one-line outcome and the lines printed. */
    public record Result(RunOutcome outcome, List<String> lines) {
    }

    public Result run(PipelineProperties options) {
        List<String> out = new ArrayList<>();
        RunSettings settings;
        RunContext context;
        try {
            settings = NightlyRun.settings(options);
            limits.validate();
            context = RunContext.load(0, settings, new PlaybookLoader(), Map.of());
        } catch (IllegalArgumentException | PlaybookException | MappingLoader.MappingException e) {
            return finish(out, RunOutcome.failure(ExitCode.BAD_OPTIONS, e.getMessage()));
        } catch (InputUnusableException e) {
            return finish(out, RunOutcome.failure(ExitCode.INPUT_UNUSABLE, e.getMessage()));
        }
        List<Path> files;
        Map<String, Set<String>> exportedItems = new LinkedHashMap<>();
        List<String> unusable = new ArrayList<>();
        try {
            files = InputFiles.dealExports(settings.inputs());
            AggregateTasklet.quotas(context);
        } catch (InputUnusableException e) {
            return finish(out, RunOutcome.failure(ExitCode.INPUT_UNUSABLE, e.getMessage()));
        }
        for (Path file : files) {
            try {
                HeaderMap header = DealExportReader.inspect(file, context.checklistItemIds(), context.readOptions());
                exportedItems.put(file.getFileName().toString(), header.exportedItems());
            } catch (InputUnusableException e) {
                unusable.add(e.getMessage());
            }
        }
        if (!unusable.isEmpty()) {
            unusable.forEach(message -> out.add("input unusable: " + message));
            return finish(out, RunOutcome.failure(ExitCode.INPUT_UNUSABLE, "validate-only " + settings.runDate()
                    + ": " + unusable.size() + " of " + files.size() + " input" + (files.size() == 1 ? "" : "s")
                    + " unusable: " + unusable.get(0)));
        }
        Tally tally = new Tally();
        DealProcessor processor = new DealProcessor(context);
        for (Path file : files) {
            DealExportReader reader = new DealExportReader(file, context.checklistItemIds(), context.readOptions());
            try {
                reader.open(new ExecutionContext());
                for (var row = reader.read(); row != null; row = reader.read()) {
                    tally.add(file.getFileName().toString(), processor.process(row));
                }
            } catch (InputUnusableException e) {
                out.add("input unusable: " + e.getMessage());
                return finish(out, RunOutcome.failure(ExitCode.INPUT_UNUSABLE, e.getMessage()));
            } finally {
                reader.close();
            }
        }
        describe(out, settings, context, tally, exportedItems);
        RunCounts counts = new RunCounts(tally.read(), tally.accepted, tally.rejected, tally.skipped, Map.of(),
                Map.of());
        String incomplete = DataQualityAnalyzer.incomplete(counts, limits.maxRejectedPercent());
        String what = "validate-only " + settings.runDate() + ": " + tally.read() + " rows = " + tally.accepted
                + " deals + " + tally.rejected + " rejected; nothing written";
        return finish(out, incomplete == null ? new RunOutcome(ExitCode.SUCCESS, what + "; the night would complete",
                null, null) : new RunOutcome(ExitCode.INCOMPLETE, what + "; the night would be published " + incomplete
                        + " (over --max-rejected=" + limits.maxRejectedPercent().toPlainString() + ")", null, null));
    }

    private void describe(List<String> out, RunSettings settings, RunContext context, Tally tally,
            Map<String, Set<String>> exportedItems) {
        String currency = settings.reportingCurrency();
        out.add("validate-only: run date " + settings.runDate() + ", playbook " + context.playbook().id()
                + ", reporting currency " + currency + " (nothing is written: no history, no reports)");
        tally.files.forEach((file, f) -> out.add(String.format("file %s: %d rows = %d deals + %d rejected "
                + "(%d title/footer lines skipped)", file, f[0] + f[1], f[0], f[1], f[2])));
        out.add(String.format("total: %d rows = %d deals + %d rejected (%d title/footer lines skipped)", tally.read(),
                tally.accepted, tally.rejected, tally.skipped));
        tally.reasons.forEach((reason, count) -> {
            out.add("rejected " + reason + ": " + count + " row" + (count == 1 ? "" : "s"));
            tally.examples.get(reason).forEach(example -> out.add("  " + example));
        });
        StageResolver stages = context.stageResolver();
        tally.unknownStages.forEach((value, rows) -> {
            StageResolver.Suggestion suggestion = stages.suggest(value);
            out.add("unknown stage '" + value + "' on " + rows + " row" + (rows == 1 ? "" : "s") + ": map it in a "
                    + "mapping file, under stages:   " + DataQualityAnalyzer.yamlKey(value) + ": "
                    + suggestion.stage().id() + (suggestion.similar() ? "" : "   (no similar stage name: check it)"));
        });
        if (!tally.missingFx.isEmpty()) {
            out.add("no exchange rate for " + String.join(", ", tally.missingFx) + ": those deals would be rejected "
                    + "(NO_FX_RATE); add them to fx-rates.csv");
        }
        List<String> assessable = context.playbook().stages().stream().flatMap(s -> s.checklist().stream())
                .filter(i -> i.check() != CheckKind.AUTO).map(ChecklistItem::id).distinct().toList();
        Set<String> anywhere = new TreeSet<>();
        exportedItems.values().forEach(anywhere::addAll);
        long exported = assessable.stream().filter(anywhere::contains).count();
        out.add(String.format("checklist coverage: %d of %d items exported; %d open deals assessed, %d not assessed",
                exported, assessable.size(), tally.assessed, tally.notAssessed));
        List<String> missing = assessable.stream().filter(id -> !anywhere.contains(id)).toList();
        if (!missing.isEmpty()) {
            out.add("checklist items no export carries (not assessed): " + String.join(", ", missing));
        }
        if (tally.duplicateIdRows > 0) {
            out.add("duplicate deal ids: " + tally.duplicateIdRows + " rows repeat an id of an earlier row (DUPLICATE_"
                    + "DEAL_ID), e.g. " + String.join(", ", tally.duplicateIdExamples));
        } else {
            out.add("duplicate deal ids: none");
        }
        out.add("same account and deal name under another deal id: " + tally.duplicateKeyDeals + " deal"
                + (tally.duplicateKeyDeals == 1 ? "" : "s") + " (DUPLICATE_DEAL in this night; the night also "
                + "compares with the previous one)");
        if (!tally.findings.isEmpty()) {
            out.add("findings: " + tally.findings);
        }
        out.add(String.format("open pipeline %s %s · weighted as reported %s · closed won %s",
                Money.plain(tally.open), currency, Money.plain(tally.weighted), Money.plain(tally.won)));
        out.add(String.format("checklist-adjusted %s before the duplicate check (the night's duplicate check can "
                + "lower the deals that share account and deal name further)", Money.plain(tally.adjusted)));
    }

    private static Result finish(List<String> out, RunOutcome outcome) {
        out.forEach(line -> {
            if (line.startsWith("unknown stage") || line.startsWith("no exchange rate") || line.startsWith("input")) {
                log.warn(line);
            } else {
                log.info(line);
            }
        });
        if (outcome.exitCode() == ExitCode.SUCCESS) {
            log.info(outcome.message());
        } else if (outcome.exitCode() == ExitCode.INCOMPLETE) {
            log.warn(outcome.message());
        } else {
            log.error(outcome.message());
        }
        List<String> lines = new ArrayList<>(out);
        lines.add(outcome.message());
        return new Result(outcome, List.copyOf(lines));
    }

    /** What a night's rows came to, in memory bounded by the distinct deal ids (a 64-bit hash each). */
    private static final class Tally {
        final Map<String, long[]> files = new LinkedHashMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, List<String>> examples = new HashMap<>();
        final Map<String, Long> unknownStages = new LinkedHashMap<>();
        final Set<String> missingFx = new TreeSet<>();
        final Map<String, Long> findings = new TreeMap<>();
        final Set<Long> ids = new HashSet<>();
        final Map<Long, Long> keys = new HashMap<>();
        final Set<Long> duplicateKeys = new HashSet<>();
        final List<String> duplicateIdExamples = new ArrayList<>();
        long accepted;
        long rejected;
        long skipped;
        long assessed;
        long notAssessed;
        long duplicateIdRows;
        long duplicateKeyDeals;
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        BigDecimal won = BigDecimal.ZERO;

        long read() {
            return accepted + rejected;
        }

        void add(String file, IngestOutcome outcome) {
            long[] counts = files.computeIfAbsent(file, f -> new long[3]);
            if (outcome.deal() != null) {
                counts[0]++;
                accepted++;
                deal(outcome.deal());
            } else if (outcome.rejected() != null) {
                counts[1]++;
                rejected++;
                rejected(outcome.rejected());
            } else {
                counts[2]++;
                skipped++;
            }
        }

        private void deal(Deal deal) {
            for (Finding finding : deal.findings()) {
                findings.merge(finding.code().name(), 1L, Long::sum);
            }
            long id = hash(deal.dealId());
            if (!ids.add(id)) {
                duplicateIdRows++;
                if (duplicateIdExamples.size() < EXAMPLES) {
                    duplicateIdExamples.add(deal.dealId() + " (" + deal.file() + " line " + deal.line() + ")");
                }
            }
            if (deal.duplicateKey() != null) {
                long key = hash(deal.duplicateKey());
                Long other = keys.putIfAbsent(key, id);
                if (other != null && other != id) {
                    // this deal, and the first of its group when the group is new: as the night counts them
                    duplicateKeyDeals += duplicateKeys.add(key) ? 2 : 1;
                }
            }
            if (deal.won()) {
                won = won.add(deal.amountReporting());
            } else if (deal.open() && !deal.lead()) {
                open = open.add(deal.amountReporting());
                weighted = weighted.add(deal.weightedReported());
                adjusted = adjusted.add(deal.weightedAdjusted());
                if (deal.checklistAssessed()) {
                    assessed++;
                } else {
                    notAssessed++;
                }
            }
        }

        private void rejected(RejectedRow row) {
            String code = row.reason().name();
            reasons.merge(code, 1L, Long::sum);
            List<String> list = examples.computeIfAbsent(code, c -> new ArrayList<>());
            if (list.size() < EXAMPLES) {
                list.add(row.file() + " line " + row.line() + (row.column() == null ? "" : ", " + row.column())
                        + (row.value() == null ? "" : " '" + row.value() + "'") + ": " + row.reasonText());
            }
            if (row.reason() == RejectionReason.UNKNOWN_STAGE && row.value() != null) {
                unknownStages.merge(row.value(), 1L, Long::sum);
            }
            if (row.reason() == RejectionReason.NO_FX_RATE && row.value() != null) {
                missingFx.add(row.value());
            }
        }

        /** FNV-1a, 64 bits: a collision between two of a million ids is about one in 10^7. */
        private static long hash(String text) {
            long hash = 0xcbf29ce484222325L;
            for (int i = 0; i < text.length(); i++) {
                hash ^= text.charAt(i);
                hash *= 0x100000001b3L;
            }
            return hash;
        }
    }
}
