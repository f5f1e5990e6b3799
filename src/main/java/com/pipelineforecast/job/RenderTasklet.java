package com.pipelineforecast.job;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.report.FindingsCsvWriter;
import com.pipelineforecast.report.ForecastPdfRenderer;
import com.pipelineforecast.report.ForecastReport;
import com.pipelineforecast.report.PipelineWorkbookRenderer;
import com.pipelineforecast.report.RejectedCsvWriter;
import com.pipelineforecast.report.ReportPublisher;
import com.pipelineforecast.report.TextCuts;
import com.pipelineforecast.history.RunHistory;

/** The render step: writes forecast.pdf, pipeline.xlsx, rejected.csv and findings.csv into the staging folder. */
@Component
public class RenderTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger("pipeline.render");

    private final ForecastReports reports;
    private final ReportPublisher publisher;
    private final ForecastPdfRenderer pdf;
    private final PipelineWorkbookRenderer workbook;
    private final RejectedCsvWriter rejected;
    private final FindingsCsvWriter findings;
    private final RunHistory history;

    public RenderTasklet(ForecastReports reports, ReportPublisher publisher, ForecastPdfRenderer pdf,
            PipelineWorkbookRenderer workbook, RejectedCsvWriter rejected, FindingsCsvWriter findings,
            RunHistory history) {
        this.history = history;
        this.reports = reports;
        this.publisher = publisher;
        this.pdf = pdf;
        this.workbook = workbook;
        this.rejected = rejected;
        this.findings = findings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ForecastReport report = reports.of(execution);
        RunSettings settings = RunSettings.from(execution.getJobParameters());
        render(execution, report, publisher.stagingFolder(settings.reports(), settings.runDate(), report.runId(),
                execution.getId()));
        return RepeatStatus.FINISHED;
    }

    /**
     * Writes the four reports into a staging folder: the PDF, rejected.csv and the deals' findings on a thread of
     * their own while the workbook is written, so that both cores work. What the PDF and the workbook had to cut
     * is recorded as run-level TEXT_CUT findings, which head findings.csv, before findings.csv is completed (those
     * of an earlier attempt are replaced first, so a restart renders the same reports).
     */
    void render(JobExecution execution, ForecastReport report, Path staging) throws Exception {
        history.replaceRunFindings(report.runId(), FindingCode.TEXT_CUT, java.util.List.of());
        TextCuts cuts = new TextCuts();
        ExecutorService pdfThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "render-pdf"));
        try {
            Future<java.util.List<Path>> besideWorkbook = pdfThread.submit(() -> java.util.List.of(
                    writing(staging.resolve(ForecastPdfRenderer.FILE_NAME), () -> pdf.render(report, staging, cuts)),
                    writing(staging.resolve(RejectedCsvWriter.FILE_NAME), () -> rejected.write(report.runId(),
                            staging)),
                    writing(staging.resolve(FindingsCsvWriter.FILE_NAME), () -> findings.writeDealFindings(
                            report.runId(), staging))));
            Path workbookFile = writing(staging.resolve(PipelineWorkbookRenderer.FILE_NAME),
                    () -> workbook.render(report, staging, reports.workbookInputs(execution), cuts));
            for (Path written : result(besideWorkbook).subList(0, 2)) {
                log.info("render: {}", written.getFileName());
            }
            log.info("render: {}", workbookFile.getFileName());
        } finally {
            pdfThread.shutdownNow();
        }
        cuts.findings().forEach(finding -> log.warn("{}: {}", FindingCode.TEXT_CUT, finding.message()));
        history.replaceRunFindings(report.runId(), FindingCode.TEXT_CUT, cuts.findings());
        log.info("render: {}", writing(staging.resolve(FindingsCsvWriter.FILE_NAME),
                () -> findings.write(report.runId(), staging)).getFileName());
    }

    /** What a render thread returned, or what it threw (as it threw it). */
    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** One output written; a full disk is told naming the file ({@link DiskFull.WritingFailed}). */
    static Path writing(Path file, java.util.concurrent.Callable<Path> write) throws Exception {
        try {
            return write.call();
        } catch (Exception | InternalError e) {
            if (DiskFull.isDiskFull(e) && !(e instanceof DiskFull.WritingFailed)) {
                throw new DiskFull.WritingFailed(file, e);
            }
            throw e;
        }
    }
}
