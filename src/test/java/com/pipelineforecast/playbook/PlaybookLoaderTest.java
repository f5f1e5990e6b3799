package com.pipelineforecast.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlaybookLoaderTest {

    private final PlaybookLoader loader = new PlaybookLoader();

    @Test
    void sixStageHasTheStagesProbabilitiesAndCategoriesOfTheDesign() {
        Playbook playbook = loader.load("six-stage");
        assertThat(playbook.stages()).extracting(Stage::id).containsExactly("lead", "prospect", "qualified",
                "discovery", "developed", "proposed", "closed_won", "closed_lost");
        assertThat(playbook.stages()).extracting(s -> s.probability().stripTrailingZeros().toPlainString())
                .containsExactly("0", "0.1", "0.2", "0.4", "0.6", "0.8", "1", "0");
        assertThat(playbook.stages()).extracting(s -> s.category().id()).containsExactly("omitted", "pipeline",
                "pipeline", "pipeline", "best_case", "commit", "closed", "omitted");
        assertThat(playbook.stage("lead").lead()).isTrue();
        assertThat(playbook.stage("closed_won").outcome()).isEqualTo(Outcome.WON);
        assertThat(playbook.stage("qualified").checklist()).extracting(ChecklistItem::id).containsExactly(
                "opportunity_confirmed", "agenda_sent", "production_decided", "needs_researched", "follow_up_scheduled",
                "tas_questions", "opportunity_plan");
        assertThat(playbook.stage("closed_won").checklist()).noneMatch(ChecklistItem::required);
    }

    @Test
    void resolvesStagesByIdNameOrAliasIgnoringCaseAndPunctuation() {
        Playbook playbook = loader.load("six-stage");
        assertThat(List.of("proposed", "Proposed", "PROPOSAL", "Negotiation/Review", "angebot", "Closed-Won",
                "gewonnen", "Aussicht", "潜在客户"))
                .extracting(name -> playbook.resolve(name).map(Stage::id).orElse("?"))
                .containsExactly("proposed", "proposed", "proposed", "proposed", "proposed", "closed_won",
                        "closed_won", "prospect", "prospect");
        assertThat(playbook.resolve("Negotiating hard")).isEmpty();
    }

    @Test
    void conditionalItemsFollowTheSizeRules() {
        List<ChecklistItem> qualified = loader.load("six-stage").stage("qualified").checklist();
        ChecklistItem questions = qualified.stream().filter(i -> i.id().equals("tas_questions")).findFirst()
                .orElseThrow();
        ChecklistItem plan = qualified.stream().filter(i -> i.id().equals("opportunity_plan")).findFirst()
                .orElseThrow();
        // seed 004: 50-100 k USD the assessment questions, more than 100 k USD the plan; the bands do not overlap
        assertThat(questions.when().test(facts("49999.99", "standard"))).isFalse();
        assertThat(questions.when().test(facts("50000", "standard"))).isTrue();
        assertThat(questions.when().test(facts("100000", "standard"))).isTrue();
        assertThat(questions.when().test(facts("100000.01", "standard"))).isFalse();
        assertThat(plan.when().test(facts("100000.01", "standard"))).isTrue();
        assertThat(plan.when().test(facts("100000", "standard"))).isFalse();
        assertThat(plan.when().test(facts("1000", "Strategic"))).isTrue();
        assertThat(plan.when().test(facts("1000", "named"))).isTrue();
    }

    @Test
    void brokenPlaybooksNameTheLineAndTheProblem() {
        assertThatThrownBy(() -> parse("id: x\nstages:\n  - id: a\n    probability: 1.5\n"))
                .hasMessage("test.yml:4: probability of stage 'a' must be between 0 and 1, found 1.5");
        assertThatThrownBy(() -> parse("id: x\nstages:\n  - id: a\n    probability: 0.5\n    colour: red\n"))
                .hasMessageStartingWith("test.yml:5: unknown key 'colour' in stage");
        assertThatThrownBy(() -> parse("id: x\nstages:\n  - id: a\n    probability: 0.1\n  - id: a\n"
                + "    probability: 0.2\n")).hasMessage("test.yml:5: duplicate stage id 'a'");
        assertThatThrownBy(() -> parse("id: x\nstages:\n  - id: a\n    probability: 0.1\n    checklist:\n"
                + "      - id: i\n        when: amount >=\n")).hasMessageStartingWith("test.yml:7: bad when: condition");
        assertThatThrownBy(() -> parse("id: x\nstages: []\n"))
                .hasMessage("test.yml:2: a playbook needs a non-empty list of stages");
    }

    private Playbook parse(String yaml) {
        return loader.parse(new StringReader(yaml), "test.yml");
    }

    private static Condition.Facts facts(String amount, String accountType) {
        return new Condition.Facts() {
            @Override
            public BigDecimal amountInRulesCurrency() {
                return new BigDecimal(amount);
            }

            @Override
            public String field(String name) {
                return name.equals("account_type") ? accountType : null;
            }
        };
    }
}
