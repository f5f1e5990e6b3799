package com.pipelineforecast.job;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.pipelineforecast.history.ForecastRunRepository;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.validation.DealWeigher;

import com.pipelineforecast.ingest.ColumnMapping;
import com.pipelineforecast.ingest.DateReader;
import com.pipelineforecast.ingest.FxRates;
import com.pipelineforecast.ingest.InputFiles;
import com.pipelineforecast.ingest.MappingLoader;
import com.pipelineforecast.ingest.ReadOptions;
import com.pipelineforecast.ingest.StageResolver;
import com.pipelineforecast.ingest.StageVocabulary;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;

/** What every step of one run shares: its settings, playbook, exchange rates and read options, loaded once. */
public record RunContext(long runId, RunSettings settings, Playbook playbook, FxRates fxRates,
        ReadOptions readOptions, DealWeigher weigher, ForecastRunRepository.PreviousRun previous) {

    /** @param calibratedWeights observed win rates by stage when {@code --weights=calibrated}, else empty */
    public static RunContext load(long runId, RunSettings settings, PlaybookLoader loader,
            Map<String, BigDecimal> calibratedWeights) {
        return load(runId, settings, loader, calibratedWeights, null);
    }

    /** @param previous the run tonight is compared with (null: none), resolved once for every step */
    public static RunContext load(long runId, RunSettings settings, PlaybookLoader loader,
            Map<String, BigDecimal> calibratedWeights, ForecastRunRepository.PreviousRun previous) {
        Playbook playbook = loader.load(settings.playbook());
        return new RunContext(runId, settings, playbook, fxRates(settings), readOptions(settings.reading()),
                new DealWeigher(calendar(settings), calibratedWeights), previous);
    }

    /** The id of the run tonight is compared with, or null on a first run. */
    public Long previousRunId() {
        return previous == null ? null : previous.runId();
    }

    static FiscalCalendar calendar(RunSettings settings) {
        return new FiscalCalendar(settings.forecasting().fiscalYearStart());
    }

    public FiscalCalendar calendar() {
        return calendar(settings);
    }

    /** {@code --fx-rates}, else {@code fx-rates.csv} beside the inputs; without either only one currency works. */
    static FxRates fxRates(RunSettings settings) {
        Path file = settings.fxRates() != null ? Path.of(settings.fxRates())
                : InputFiles.referenceFile(settings.inputs(), FxRates.FILE_NAME);
        return Files.isRegularFile(file) ? FxRates.load(file, settings.reportingCurrency())
                : FxRates.none(settings.reportingCurrency());
    }

    /** The read options of the run; bad values are an IllegalArgumentException naming the option. */
    static ReadOptions readOptions(RunSettings.Reading reading) {
        Charset encoding = null;
        if (reading.encoding() != null && !reading.encoding().isBlank()) {
            try {
                encoding = Charset.forName(reading.encoding().trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IllegalArgumentException("--encoding: unknown encoding '" + reading.encoding() + "'");
            }
        }
        DateReader dates = reading.dateFormat() == null || reading.dateFormat().isBlank() ? DateReader.DETECT
                : DateReader.ofPattern(reading.dateFormat());
        ColumnMapping mapping = ColumnMapping.BUILT_IN;
        if (reading.mapping() != null && !reading.mapping().isBlank()) {
            Path file = Path.of(reading.mapping());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--mapping: no such file " + file);
            }
            mapping = new MappingLoader().load(file);
        }
        String sheet = reading.sheet() == null || reading.sheet().isBlank() ? null : reading.sheet();
        return new ReadOptions(encoding, sheet, dates, mapping);
    }

    /** How this run reads exported stage values: mapping file, playbook, built-in CRM vocabularies. */
    public StageResolver stageResolver() {
        return new StageResolver(playbook, readOptions.mapping(), StageVocabulary.BUILT_IN);
    }

    public List<String> checklistItemIds() {
        return playbook.stages().stream().flatMap(s -> s.checklist().stream()).map(ChecklistItem::id).toList();
    }
}
