package com.pipelineforecast.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pipelineforecast.ingest.FxRates;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;

/** What every step of one run shares: its settings, playbook and exchange rates, loaded once. */
public record RunContext(long runId, RunSettings settings, Playbook playbook, FxRates fxRates) {

    public static RunContext load(long runId, RunSettings settings, PlaybookLoader loader) {
        Playbook playbook = loader.load(settings.playbook());
        return new RunContext(runId, settings, playbook, fxRates(settings));
    }

    /** {@code --fx-rates}, else {@code fx-rates.csv} beside the inputs; without either only one currency works. */
    static FxRates fxRates(RunSettings settings) {
        Path file = settings.fxRates() != null ? Path.of(settings.fxRates())
                : InputFiles.referenceFile(settings.inputs(), FxRates.FILE_NAME);
        return Files.isRegularFile(file) ? FxRates.load(file, settings.reportingCurrency())
                : FxRates.none(settings.reportingCurrency());
    }

    public List<String> checklistItemIds() {
        return playbook.stages().stream().flatMap(s -> s.checklist().stream()).map(ChecklistItem::id).toList();
    }
}
