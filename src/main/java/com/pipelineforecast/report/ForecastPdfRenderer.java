package com.pipelineforecast.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.forecast.Watchlists;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;

/**
 * Fills {@code forecast.jrxml} and its table subreports from a run's aggregates and bounded deal lists, draws its
 * charts, and exports {@code forecast.pdf}. The templates are loaded once per process.
 */
@Component
public class ForecastPdfRenderer {

    public static final String FILE_NAME = "forecast.pdf";

    private Map<String, JasperReport> compiled;

    public Path render(ForecastReport report, Path folder) throws IOException {
        return render(report, folder, FILE_NAME, new TextCuts());
    }

    /** Renders into {@code folder/fileName}; a team's report ({@link ForecastReport#team()}) names it on every page. */
    public Path render(ForecastReport report, Path folder, String fileName) throws IOException {
        return render(report, folder, fileName, new TextCuts());
    }

    /** @param cuts where the texts shown cut (over {@value PdfTables#SHOWN_TEXT} characters) are counted */
    public Path render(ForecastReport report, Path folder, TextCuts cuts) throws IOException {
        return render(report, folder, FILE_NAME, cuts);
    }

    private Path render(ForecastReport report, Path folder, String fileName, TextCuts cuts) throws IOException {
        PdfTables.cutCount(true);
        try {
            return renderPdf(report, folder, fileName);
        } finally {
            cuts.pdfTexts(PdfTables.cutCount(true));
        }
    }

    private Path renderPdf(ForecastReport report, Path folder, String fileName) throws IOException {
        Map<String, JasperReport> templates = templates();
        PdfTables tables = new PdfTables(report);
        ForecastAnalysis analysis = report.analysis();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(JRParameter.REPORT_LOCALE, Locale.US);
        parameters.put("RUN_DATE", report.runDate().toString());
        parameters.put("TEAM", report.team());
        parameters.put("PLAYBOOK", report.playbookName() + " (" + report.playbookId() + ")");
        parameters.put("CURRENCY", report.reportingCurrency());
        parameters.put("RECONCILIATION", report.reconciliation());
        parameters.put("HEALTH_NOTE", tables.healthNote());
        parameters.put("RISK_NOTE", tables.riskNote());
        parameters.put("MOVEMENT_NOTE", tables.movementNote());
        ReportTemplates.NAMES.stream().skip(1).forEach(name -> parameters.put("TABLE_" + name.toUpperCase(Locale.ROOT)
                .replace('-', '_'), templates.get(name)));
        parameters.put("DATA_FIGURES", tables.figures());
        parameters.put("BANNER", report.incompleteBanner());
        parameters.put("DATA_CALLS", tables.calls());
        parameters.put("ACTION_NOTE", tables.actionNote());
        parameters.put("TREND_NOTE", tables.trendNote());
        parameters.put("ACCURACY_TITLE", tables.accuracyTitle());
        parameters.put("DATA_ACCURACY", tables.accuracy());
        parameters.put("TREND_CHART", ForecastCharts.trend(analysis.currentQuarter(), tables.trendChart(),
                analysis.quarterCall() != null && analysis.quarterCall().quota() != null, 523, 220));
        parameters.put("FIRST_RUN", analysis.movement().previousRunDate() == null);
        parameters.put("TOP_DEALS", analysis.watchlists().limit());
        parameters.put("DATA_MOVED_DEALS", tables.movedDeals());
        parameters.put("DATA_ACTION_OWNERS", tables.actionOwners());
        parameters.put("DATA_ACTIONS", tables.actions());
        parameters.put("DATA_ROLLUP", tables.rollup());
        parameters.put("ROLLUP_NOTE", tables.rollupNote());
        parameters.put("CURRENT_QUARTER", analysis.quarterCall() == null ? "" : analysis.quarterCall().quarter());
        parameters.put("NEXT_QUARTER", analysis.nextQuarterCall() == null ? "" : analysis.nextQuarterCall().quarter());
        parameters.put("QUALITY_NOTE", tables.qualityNote());
        parameters.put("DATA_STAGE_MAPPING", tables.stageMapping());
        parameters.put("DATA_UNKNOWN_STAGES", tables.unknownStages());
        parameters.put("DATA_STAGES", tables.stages());
        parameters.put("DATA_PERIODS", tables.periods());
        parameters.put("DATA_OWNERS", tables.owners());
        parameters.put("DATA_UNEVIDENCED", tables.unevidenced());
        parameters.put("DATA_MISSING_ITEMS", tables.missingItems());
        Watchlists lists = analysis.watchlists();
        parameters.put("DATA_OVERDUE", tables.deals(lists.overdue()));
        parameters.put("DATA_SLIPPED", tables.slipped());
        parameters.put("DATA_LONG_IN_STAGE", tables.deals(lists.longInStage()));
        parameters.put("DATA_MOVEMENT", tables.movement());
        parameters.put("DATA_QUOTAS", tables.quotas());
        parameters.put("DATA_TOP_DEALS", tables.deals(lists.topDeals()));
        parameters.put("STAGE_CHART", ForecastCharts.stages(stageChart(report), 258, 190));
        parameters.put("PERIOD_CHART", ForecastCharts.periods(periodChart(analysis), 258, 190));
        ForecastAnalysis.Movement movement = analysis.movement();
        Map<String, BigDecimal> changes = new LinkedHashMap<>();
        movement.buckets().forEach(b -> changes.put(b.bucket(), b.weightedChange()));
        parameters.put("WATERFALL_CHART", movement.previousRunDate() == null
                ? ForecastCharts.noData("Weighted forecast: last run to tonight", "first run — no comparison", 523, 220)
                : ForecastCharts.waterfall(movement.startWeighted(), changes, movement.endWeighted(), 523, 220));
        Path target = folder.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(target)) {
            JasperPrint print = JasperFillManager.fillReport(templates.get("forecast"), parameters,
                    new JREmptyDataSource(1));
            JasperExportManager.exportReportToPdfStream(print, out);
        } catch (JRException e) {
            throw new IOException("cannot render " + fileName + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Open forecast stages in playbook order: weighted as reported and checklist-adjusted. */
    private static Map<String, BigDecimal[]> stageChart(ForecastReport report) {
        Map<String, BigDecimal[]> byStage = new LinkedHashMap<>();
        for (StageTotal stage : report.stages()) {
            if (stage.forecast()) {
                byStage.put(stage.stageName(), new BigDecimal[] {stage.weightedReported(), stage.weightedAdjusted()});
            }
        }
        return byStage;
    }

    private static Map<String, BigDecimal[]> periodChart(ForecastAnalysis analysis) {
        Map<String, BigDecimal[]> byPeriod = new LinkedHashMap<>();
        for (ForecastAnalysis.PeriodLine line : analysis.periods()) {
            BigDecimal[] sums = byPeriod.computeIfAbsent(line.period(),
                    p -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(line.weighted());
            sums[1] = sums[1].add(line.weightedChecklistAdjusted());
        }
        return byPeriod;
    }

    private synchronized Map<String, JasperReport> templates() throws IOException {
        if (compiled == null) {
            compiled = ReportTemplates.load();
        }
        return compiled;
    }
}
