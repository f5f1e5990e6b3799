package com.pipelineforecast.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.StageTotal;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/** Fills {@code forecast.jrxml} from a run's stage totals and exports {@code forecast.pdf}. */
@Component
public class ForecastPdfRenderer {

    public static final String FILE_NAME = "forecast.pdf";
    private static final String TEMPLATE = "/reports/forecast.jrxml";

    private JasperReport compiled;

    public Path render(ForecastReport report, Path folder) throws IOException {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("RUN_DATE", report.runDate().toString());
        parameters.put("PLAYBOOK", report.playbookName() + " (" + report.playbookId() + ")");
        parameters.put("CURRENCY", report.reportingCurrency());
        parameters.put("OPEN_AMOUNT", report.totals().openAmount());
        parameters.put("WEIGHTED_REPORTED", report.totals().weightedAsReported());
        parameters.put("WEIGHTED_ADJUSTED", report.totals().weightedChecklistAdjusted());
        parameters.put("GAP", report.totals().gap());
        parameters.put("CLOSED_WON", report.totals().closedWon());
        parameters.put("TOTAL_DEALS", report.stages().stream().mapToLong(StageTotal::deals).sum());
        parameters.put("TOTAL_AMOUNT", report.stages().stream().map(StageTotal::amount)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        parameters.put("RECONCILIATION", report.reconciliation());

        List<Map<String, ?>> rows = new ArrayList<>();
        for (StageTotal stage : report.stages()) {
            Map<String, Object> row = new HashMap<>();
            row.put("stage", stage.stageName());
            row.put("deals", stage.deals());
            row.put("amount", stage.amount());
            row.put("probability", stage.probability());
            row.put("weighted", stage.weightedReported());
            row.put("adjusted", stage.weightedAdjusted());
            rows.add(row);
        }
        Path target = folder.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(target)) {
            JasperPrint print = JasperFillManager.fillReport(template(), parameters,
                    new JRMapCollectionDataSource(rows));
            JasperExportManager.exportReportToPdfStream(print, out);
        } catch (JRException e) {
            throw new IOException("cannot render " + FILE_NAME + ": " + e.getMessage(), e);
        }
        return target;
    }

    private synchronized JasperReport template() throws JRException, IOException {
        if (compiled == null) {
            try (InputStream in = ForecastPdfRenderer.class.getResourceAsStream(TEMPLATE)) {
                compiled = JasperCompileManager.compileReport(in);
            }
        }
        return compiled;
    }
}
