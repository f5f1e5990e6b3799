package com.pipelineforecast;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rooms of the application are layers: each may use the rooms below it, never one above it. From the bottom:
 * domain (the types every room shares), playbook, ingest, history, validation, forecast, report, job, ops, and the
 * launcher classes of the root package on top.
 */
class ArchitectureTest {

    private static final String ROOT = "com.pipelineforecast";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void eachRoomUsesOnlyTheRoomsBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy(ROOT + ".domain..")
                .layer("playbook").definedBy(ROOT + ".playbook..")
                .layer("ingest").definedBy(ROOT + ".ingest..")
                .layer("history").definedBy(ROOT + ".history..")
                .layer("validation").definedBy(ROOT + ".validation..")
                .layer("forecast").definedBy(ROOT + ".forecast..")
                .layer("report").definedBy(ROOT + ".report..")
                .layer("job").definedBy(ROOT + ".job..")
                .layer("ops").definedBy(ROOT + ".ops..")
                .layer("launcher").definedBy(ROOT)
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("ops").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("job").mayOnlyBeAccessedByLayers("launcher", "ops")
                .whereLayer("report").mayOnlyBeAccessedByLayers("launcher", "ops", "job")
                .whereLayer("forecast").mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report")
                .whereLayer("validation").mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report", "forecast")
                .whereLayer("history")
                .mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report", "forecast", "validation")
                .whereLayer("ingest")
                .mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report", "forecast", "validation", "history")
                .whereLayer("playbook").mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report", "forecast",
                        "validation", "history", "ingest")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("launcher", "ops", "job", "report", "forecast",
                        "validation", "history", "ingest", "playbook")
                .check(PRODUCTION);
    }

    @Test
    void noCyclesBetweenRooms() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }
}
