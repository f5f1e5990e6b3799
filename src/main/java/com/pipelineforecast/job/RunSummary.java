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
        log.info("rows read {} = deals accepted {} + rows rejected {} ({} title/footer lines skipped)",
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
        run.path("outputs").forEach(o -> log.info("output {}", folder.resolve(o.path("file").asText())));
        log.info("output {}", folder.resolve(PublishTasklet.MANIFEST));
        log.info("duration {} ms", run.path("timings").path("totalMillis").asLong());
    }
}
