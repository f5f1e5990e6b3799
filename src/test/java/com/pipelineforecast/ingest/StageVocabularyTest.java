package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;

/** The built-in CRM vocabularies, how a stage value is resolved, and the README's table of them. */
class StageVocabularyTest {

    private static final Playbook SIX_STAGE = new PlaybookLoader().load("six-stage");

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        "Id. Decision Makers      | developed   | Salesforce, Zoho CRM",
        "Proposal/Quote           | proposed    | Salesforce",
        "qualifiedtobuy           | qualified   | HubSpot",
        "Decision Maker Bought-In | developed   | HubSpot",
        "1-Qualify                | qualified   | Dynamics 365",
        "2-Develop                | discovery   | Dynamics 365",
        "3-Propose                | developed   | Dynamics 365",
        "4-Close                  | proposed    | Dynamics 365",
        "Demo Scheduled           | discovery   | Pipedrive",
        "Closed-Lost to Competition | closed_lost | Zoho CRM",
        "Proposition              | proposed    | Odoo",
        "ENGAGING                 | qualified   | Common names",
        "Negotiation/Review       | proposed    | playbook",
        "Qualified                | qualified   | playbook",
    })
    void defaultStageNamesResolveUnderTheDefaultPlaybook(String value, String stage, String source) {
        StageResolver resolver = new StageResolver(SIX_STAGE, ColumnMapping.BUILT_IN, StageVocabulary.BUILT_IN);
        StageResolver.Resolution resolution = resolver.resolve(value).orElseThrow();
        assertThat(resolution.stage().id()).isEqualTo(stage);
        assertThat(resolution.source()).isEqualTo(source);
    }

    @Test
    void aMappingFileWinsOverThePlaybookAndTheVocabularies() {
        ColumnMapping mapping = new ColumnMapping(Map.of(), Map.of("4-Close", "developed", "Qualification",
                "discovery"));
        StageResolver resolver = new StageResolver(SIX_STAGE, mapping, StageVocabulary.BUILT_IN);
        assertThat(resolver.resolve("4-close").orElseThrow().stage().id()).isEqualTo("developed");
        assertThat(resolver.resolve("Qualification").orElseThrow().source()).isEqualTo("mapping file");
    }

    @Test
    void vocabulariesApplyOnlyWhereThePlaybookHasTheirStage() {
        Playbook basic = new PlaybookLoader().load("basic");
        StageResolver resolver = new StageResolver(basic, ColumnMapping.BUILT_IN, StageVocabulary.BUILT_IN);
        assertThat(resolver.resolve("Demo Scheduled")).isEmpty();
    }

    @Test
    void anUnknownValueGetsTheStageSharingMostWordsOrTheFirstForecastStage() {
        StageResolver resolver = new StageResolver(SIX_STAGE, ColumnMapping.BUILT_IN, StageVocabulary.BUILT_IN);
        assertThat(resolver.suggest("Proposal Review Pending")).isEqualTo(
                new StageResolver.Suggestion(SIX_STAGE.stage("proposed"), true));
        assertThat(resolver.suggest("Zzz")).isEqualTo(new StageResolver.Suggestion(SIX_STAGE.stage("prospect"), false));
    }

    @Test
    void aMappingFileNamingNoStageOrItemOfThePlaybookIsRefused() {
        assertThatThrownBy(() -> new ColumnMapping(Map.of(), Map.of("Engaging", "engaged")).validate(SIX_STAGE))
                .hasMessageContaining("'Engaging: engaged' names no stage of playbook six-stage");
        assertThatThrownBy(() -> new ColumnMapping(Map.of(), Map.of(), Map.of("budget_ok", List.of("Budget__c")))
                .validate(SIX_STAGE)).hasMessageContaining("checklist item 'budget_ok'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"US Dollar|USD", "Euro|EUR", "Thai Baht|THB", "Yuan Renminbi|CNY",
        "Pound Sterling|GBP", "€|EUR", "swiss franc|CHF"})
    void currencyNamesAsDynamicsWritesThem(String name, String code) {
        assertThat(CurrencyNames.code(name)).isEqualTo(code);
    }

    @Test
    void theReadmeDocumentsEveryBuiltInStageName() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        for (StageVocabulary.Entry entry : StageVocabulary.BUILT_IN.entries()) {
            assertThat(text).as(entry.value()).contains(entry.value() + " → `" + entry.stageId() + "`");
        }
    }
}
