package com.pipelineforecast.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import com.pipelineforecast.forecast.Deal;
import com.pipelineforecast.forecast.DealWeigher;
import com.pipelineforecast.ingest.FxRates;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;
import com.pipelineforecast.playbook.Stage;

/** Every built-in playbook loads and checks deals through its stages as DESIGN.md defines. */
class BuiltInPlaybooksTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);
    private static final PlaybookLoader LOADER = new PlaybookLoader();
    static final List<String> PLAYBOOKS = PlaybookLoader.BUILT_IN;

    /**
     * playbook | stage as exported | amount USD | account type | items done ("*" = every item before the stage,
     * "-x" = all but x) | evidenced stage.
     */
    @ParameterizedTest(name = "{0}: {1} {2} {3} [{4}] -> {5}")
    @CsvSource(delimiter = '|', value = {
        "six-stage | Proposal        | 10000  | standard  | *                          | proposed",
        "six-stage | Proposal        | 10000  | standard  | -agenda_sent               | qualified",
        "six-stage | Negotiation     | 10000  | standard  | -credit_checked            | lead",
        "six-stage | Discovery       | 60000  | standard  | *                          | qualified",
        "six-stage | Discovery       | 60000  | standard  | * tas_questions            | discovery",
        "six-stage | Discovery       | 40000  | named     | * tas_questions            | qualified",
        "six-stage | Discovery       | 40000  | named     | * opportunity_plan         | discovery",
        "six-stage | Developed       | 10000  | standard  | -internal_opponent_identified | developed",
        "six-stage | Aussicht        | 10000  | standard  | -meeting_scheduled         | prospect",
        "basic     | Close           | 10000  | standard  | *                          | close",
        "basic     | Proposal        | 10000  | standard  | -needs_researched          | appointment",
        "basic     | นัดหมาย         | 10000  | standard  | -meets_basic_criteria      | prospecting",
        "complex   | Development     | 10000  | standard  | *                          | development",
        "complex   | Development     | 10000  | standard  | -internal_opponent_identified | information_gathering",
        "complex   | Close           | 10000  | standard  | -agenda_sent               | appointment",
        "dynamics  | 3-Propose       | 10000  | standard  | *                          | propose",
        "dynamics  | Abschließen     | 10000  | standard  | -quote_presented           | propose",
        "dynamics  | Develop         | 10000  | standard  | -lead_qualified            | qualify",
        "osp       | STAGE 5         | 10000  | standard  | *                          | 5",
        "osp       | Stage 5         | 75000  | standard  | *                          | 2",
        "osp       | 5               | 75000  | standard  | * tas_questions            | 5",
        "osp       | Opportunity Assessment | 150000 | standard | * tas_questions       | 2",
        "osp       | Opportunity Assessment | 150000 | standard | * opportunity_plan    | 5",
        "osp       | Stage 9.5       | 20000  | strategic | * full_tas_plan            | 9.5",
        "osp       | Stage 9.5       | 20000  | strategic | -order_received full_tas_plan | 8",
        "osp       | 7               | 20000  | standard  | -executive_commits_funding | 3",
    })
    void checksADealThroughThePlaybook(String playbookId, String exportedStage, BigDecimal amount,
            String accountType, String items, String expected) {
        Playbook playbook = LOADER.load(playbookId);
        Stage claimed = playbook.resolve(exportedStage).orElseThrow();
        Map<String, String> done = done(playbook, claimed, items);
        ParsedDeal deal = deal(claimed, amount, accountType, done);

        CheckResult result = checker(playbook).check(deal);

        assertThat(result.evidencedStage().id()).isEqualTo(expected);
        boolean lowered = !expected.equals(claimed.id());
        assertThat(result.findings().stream().anyMatch(f -> f.code().equals("STAGE_NOT_EVIDENCED")))
                .isEqualTo(lowered);
    }

    @ParameterizedTest
    @FieldSource("PLAYBOOKS")
    void everyStageResolvesByIdNameAndAliasAndHasAProbabilityAndCategory(String id) {
        Playbook playbook = LOADER.load(id);
        assertThat(playbook.stages()).isNotEmpty();
        for (Stage stage : playbook.stages()) {
            assertThat(playbook.resolve(stage.id())).contains(stage);
            assertThat(playbook.resolve(stage.name().toUpperCase())).contains(stage);
            stage.aliases().forEach(alias -> assertThat(playbook.resolve(alias)).as(alias).contains(stage));
            assertThat(stage.probability()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
        assertThat(playbook.stages()).filteredOn(s -> s.outcome().name().equals("WON")).hasSize(1);
        assertThat(playbook.stages()).filteredOn(s -> s.outcome().name().equals("LOST")).hasSize(1);
    }

    /** Property: for any deal through any built-in playbook, checklist-adjusted never exceeds as reported. */
    @Test
    void adjustedForecastIsNeverAboveTheReportedOneForOpenDeals() {
        SplittableRandom random = new SplittableRandom(7);
        DealWeigher weigher = new DealWeigher();
        int checked = 0;
        int lowered = 0;
        for (String id : PLAYBOOKS) {
            Playbook playbook = LOADER.load(id);
            List<String> items = playbook.stages().stream().flatMap(s -> s.checklist().stream())
                    .map(ChecklistItem::id).toList();
            List<Stage> open = playbook.stages().stream().filter(Stage::isOpen).toList();
            for (int i = 0; i < 2_000; i++) {
                Stage claimed = open.get(random.nextInt(open.size()));
                Map<String, String> values = new HashMap<>();
                int doneShare = random.nextInt(101);
                for (String item : items) {
                    if (random.nextInt(100) < doneShare) {
                        values.put(item, random.nextBoolean() ? "yes" : RUN_DATE.minusDays(random.nextInt(400)).toString());
                    } else if (random.nextBoolean()) {
                        values.put(item, random.nextBoolean() ? "no" : RUN_DATE.plusDays(1 + random.nextInt(30)).toString());
                    }
                }
                BigDecimal amount = BigDecimal.valueOf(random.nextLong(0, 50_000_000), 2);
                String type = List.of("standard", "strategic", "named").get(random.nextInt(3));
                ParsedDeal deal = deal(claimed, amount, type, values);
                Deal weighed = weigher.weigh(deal, checker(playbook).check(deal));
                assertThat(weighed.weightedAdjusted()).as("%s %s", id, deal)
                        .isLessThanOrEqualTo(weighed.weightedReported());
                assertThat(weighed.evidencedOrder()).isLessThanOrEqualTo(weighed.claimedOrder());
                checked++;
                if (weighed.weightedAdjusted().compareTo(weighed.weightedReported()) < 0) {
                    lowered++;
                }
            }
        }
        assertThat(checked).isEqualTo(10_000);
        assertThat(lowered).isBetween(1_000, 9_000);
    }

    private static ChecklistChecker checker(Playbook playbook) {
        return new ChecklistChecker(playbook, RUN_DATE, FxRates.none("USD"), "USD");
    }

    private static Map<String, String> done(Playbook playbook, Stage claimed, String spec) {
        Map<String, String> done = new HashMap<>();
        List<String> words = Arrays.asList(spec.trim().split("\\s+"));
        for (Stage stage : playbook.stages()) {
            if (stage.order() >= claimed.order()) {
                break;
            }
            for (ChecklistItem item : stage.checklist()) {
                if (item.when() == com.pipelineforecast.playbook.Condition.ALWAYS && !words.contains("-" + item.id())) {
                    done.put(item.id(), item.check().name().equals("DATE") ? "2026-01-15" : "yes");
                }
            }
        }
        words.stream().filter(w -> !w.startsWith("-") && !w.equals("*")).forEach(w -> done.put(w, "x"));
        return done;
    }

    private static ParsedDeal deal(Stage claimed, BigDecimal amount, String accountType, Map<String, String> done) {
        return new ParsedDeal("t.csv", 2, "T-1", "Test deal", "Test account", "Owner", "Team", accountType, claimed,
                amount, "USD", amount.setScale(2, java.math.RoundingMode.HALF_UP), RUN_DATE.plusDays(30), null, null,
                null, null, done, null, Map.of(), List.of());
    }
}
