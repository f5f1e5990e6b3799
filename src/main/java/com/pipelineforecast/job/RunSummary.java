package com.pipelineforecast.job;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prints the end-of-run summary from the published run.json: counts, totals, outputs, duration. */
@Component
public class RunSummary {

    private static final Logger log = LoggerFactory.getLogger("pipeline");

    /** The banner of an incomplete run from its run.json, or null when it is complete (or has no run.json). */
    public static String incomplete(Path folder) {
        try {
            JsonNode run = new ObjectMapper().readTree(folder.resolve(PublishTasklet.MANIFEST).toFile());
            return run.path("complete").asBoolean(true) ? null : run.path("incomplete").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    public void print(Path folder) {
        JsonNode run;
        try {
            run = new ObjectMapper().readTree(folder.resolve(PublishTasklet.MANIFEST).toFile());
        } catch (IOException e) {
            log.warn("cannot read {}: {}", folder.resolve(PublishTasklet.MANIFEST), e.getMessage());
            return;
        }
        JsonNode counts = run.path("counts");
        JsonNode totals = run.path("totals");
        String currency = run.path("reportingCurrency").asText();
        log.info("rows read {} = deals accepted {} + rows rejected {} ({} lines skipped: titles, footers, deleted records)",
                counts.path("read").asLong(), counts.path("accepted").asLong(), counts.path("rejected").asLong(),
                counts.path("skipped").asLong());
        if (run.path("rejectedReasons").size() > 0) {
            log.info("rejected by reason: {} (see rejected.csv)", run.path("rejectedReasons"));
        }
        if (run.path("missingFxRates").size() > 0) {
            log.warn("no exchange rate for {}: those deals are rejected (NO_FX_RATE); add them to fx-rates.csv",
                    run.path("missingFxRates"));
        }
        log.info("open pipeline {} {} · weighted as reported {} · checklist-adjusted {} · closed won {}",
                totals.path("openAmount").asText(), currency, totals.path("weightedAsReported").asText(),
                totals.path("weightedChecklistAdjusted").asText(), totals.path("closedWon").asText());
        JsonNode coverage = run.path("checklistCoverage");
        if (!coverage.isMissingNode()) {
            log.info("checklist coverage: {} of {} items exported; {} open deals assessed, {} not assessed",
                    coverage.path("itemsExported").asInt(), coverage.path("itemsInPlaybook").asInt(),
                    coverage.path("dealsAssessed").asLong(), coverage.path("dealsNotAssessed").asLong());
        }
        run.path("stageMapping").forEach(line -> {
            if (!"playbook".equals(line.path("source").asText())) {
                log.info("stage '{}' read as {} ({}): {} rows", line.path("value").asText(),
                        line.path("stage").asText(), line.path("source").asText(), line.path("rows").asLong());
            }
        });
        run.path("unknownStages").forEach(unknown -> log.warn("unknown stage '{}' on {} rows (rejected): map it "
                + "in a mapping file, under stages:   {}", unknown.path("value").asText(), unknown.path("rows")
                        .asLong(), unknown.path("mappingLine").asText()));
        if (run.path("unknownStagesMore").asLong() > 0) {
            log.warn("and {} more unknown stage values: see run.json and rejected.csv",
                    run.path("unknownStagesMore").asLong());
        }
        run.path("outputs").forEach(o -> log.info("output {}", folder.resolve(o.path("file").asText())));
        log.info("output {}", folder.resolve(PublishTasklet.MANIFEST));
        log.info("duration {} ms", run.path("timings").path("totalMillis").asLong());
    }
}
