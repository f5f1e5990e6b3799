package com.pipelineforecast.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.ingest.FxRates;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;

class ChecklistCheckerTest {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);
    private final Playbook playbook = new PlaybookLoader().load("six-stage");
    private final ChecklistChecker checker = new ChecklistChecker(playbook, RUN_DATE, FxRates.none("USD"), "USD");

    @Test
    void dealWithEveryEarlierItemDoneIsEvidencedAtItsClaimedStage() {
        Map<String, String> items = done("credit_checked", "interest_confirmed", "engaged_in_dialogue", "demo_allowed",
                "quote_allowed", "meets_basic_criteria", "meeting_scheduled", "opportunity_confirmed", "agenda_sent",
                "production_decided", "needs_researched", "follow_up_scheduled");
        items.put("first_contact_date", "2026-10-01");
        CheckResult result = checker.check(deal("discovery", "10000", items));
        assertThat(result.evidencedStage().id()).isEqualTo("discovery");
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void missingEarlierItemsLowerTheEvidencedStageAndAreEachAFinding() {
        Map<String, String> items = done("credit_checked", "interest_confirmed", "engaged_in_dialogue",
                "meets_basic_criteria", "meeting_scheduled");
        items.put("first_contact_date", "2026-12-01"); // in the future: not done yet
        items.put("agenda_sent", "ja");
        CheckResult result = checker.check(deal("developed", "10000", items));
        assertThat(result.evidencedStage().id()).isEqualTo("prospect");
        assertThat(result.findings()).filteredOn(f -> f.code() == FindingCode.STAGE_NOT_EVIDENCED)
                .extracting(Finding::item)
                .contains("first_contact_date", "opportunity_confirmed", "production_decided", "needs_researched",
                        "needs_assessed", "pricing_set", "funding_approved")
                .doesNotContain("agenda_sent", "reference_visit_done", "product_plan");
        assertThat(result.findings()).filteredOn(f -> f.code() == FindingCode.RECOMMENDED_ITEM_MISSING)
                .extracting(Finding::item).containsExactly("demo_allowed", "quote_allowed",
                        "internal_opponent_identified", "neutral_parties_identified");
    }

    @Test
    void sizeRulesAddItemsOnlyToLargeOrStrategicDeals() {
        Map<String, String> items = done("credit_checked", "interest_confirmed", "engaged_in_dialogue",
                "meets_basic_criteria", "meeting_scheduled", "opportunity_confirmed", "agenda_sent",
                "production_decided", "needs_researched", "follow_up_scheduled");
        items.put("first_contact_date", "2026-10-01");
        assertThat(checker.check(deal("discovery", "49999", items)).evidencedStage().id()).isEqualTo("discovery");
        assertThat(checker.check(deal("discovery", "50000", items)).evidencedStage().id()).isEqualTo("qualified");
        assertThat(checker.check(deal("discovery", "100000", items)).evidencedStage().id()).isEqualTo("qualified");
        items.put("tas_questions", "是");
        assertThat(checker.check(deal("discovery", "50000", items)).evidencedStage().id()).isEqualTo("discovery");
        // seed 004's bands are distinct: 100,000 needs the questions, above it the plan instead
        assertThat(checker.check(deal("discovery", "100000", items)).evidencedStage().id()).isEqualTo("discovery");
        assertThat(checker.check(deal("discovery", "150000", items)).evidencedStage().id()).isEqualTo("qualified");
        items.put("opportunity_plan", "ใช่");
        assertThat(checker.check(deal("discovery", "150000", items)).evidencedStage().id()).isEqualTo("discovery");
        items.remove("tas_questions");
        assertThat(checker.check(deal("discovery", "150000", items)).evidencedStage().id()).isEqualTo("discovery");
    }

    @Test
    void checklistColumnListsDoneItems() {
        ParsedDeal deal = new ParsedDeal("f.csv", 2, "D-1", null, null, null, null, null, playbook.stage("qualified"),
                BigDecimal.TEN, "USD", BigDecimal.TEN, RUN_DATE, null, null, null, null, Map.of(),
                "credit_checked; interest_confirmed,Engaged in dialogue,meets_basic_criteria;Meeting Scheduled;"
                        + "first_contact_date",
                Map.of(), List.of());
        assertThat(checker.check(deal).evidencedStage().id()).isEqualTo("qualified");
        ParsedDeal withoutMeeting = new ParsedDeal("f.csv", 2, "D-1", null, null, null, null, null,
                playbook.stage("qualified"), BigDecimal.TEN, "USD", BigDecimal.TEN, RUN_DATE, null, null, null, null,
                Map.of(), "interest_confirmed;engaged_in_dialogue;meets_basic_criteria;first_contact_date", Map.of(),
                List.of());
        assertThat(checker.check(withoutMeeting).evidencedStage().id()).isEqualTo("prospect");
    }

    private ParsedDeal deal(String stage, String amount, Map<String, String> items) {
        return new ParsedDeal("f.csv", 2, "D-1", "Deal", "Acme", "Ann", "NA", "standard", playbook.stage(stage),
                new BigDecimal(amount), "USD", new BigDecimal(amount), RUN_DATE.plusDays(30), null, null, null, null,
                items, null, Map.of(), List.of());
    }

    private static Map<String, String> done(String... items) {
        Map<String, String> values = new HashMap<>();
        for (String item : items) {
            values.put(item, "yes");
        }
        return values;
    }
}
