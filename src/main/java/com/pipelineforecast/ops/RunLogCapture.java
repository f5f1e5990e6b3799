package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Keeps the log lines of one run, from its start to its outcome, in the pattern of the console (ISO date and time):
 * written into the published folder as {@code run.log} and quoted (its last lines) in the failure mail. A run logs
 * a few hundred lines; beyond {@link #MAX_LINES} the first lines are kept and the rest counted.
 */
public final class RunLogCapture implements AutoCloseable {

    public static final String FILE_NAME = "run.log";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %-16logger{0} %msg%n%throwable";
    static final int MAX_LINES = 100_000;

    private final Appender appender;
    private final Logger root;

    private RunLogCapture(Appender appender, Logger root) {
        this.appender = appender;
        this.root = root;
    }

    /** Starts keeping every line logged from now on (by any thread) until {@link #close()}. */
    public static RunLogCapture start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new RunLogCapture(null, null);
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        Appender appender = new Appender(layout);
        appender.setContext(context);
        appender.setName("run-log-" + System.nanoTime());
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new RunLogCapture(appender, root);
    }

    /** The lines kept so far (a message with a stack trace is one entry of several lines). */
    public List<String> lines() {
        if (appender == null) {
            return List.of();
        }
        synchronized (appender) {
            List<String> lines = new ArrayList<>(appender.lines);
            if (appender.dropped > 0) {
                lines.add("... " + appender.dropped + " more lines not kept");
            }
            return lines;
        }
    }

    /** The last {@code count} lines kept. */
    public List<String> tail(int count) {
        List<String> lines = lines();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** Writes the lines kept into {@code folder/run.log}, replacing it at once (never a half-written file). */
    public Path writeTo(Path folder) throws IOException {
        Path target = folder.resolve(FILE_NAME);
        Path temporary = folder.resolve("." + FILE_NAME + ".tmp");
        Files.write(temporary, (String.join("\n", lines()) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    @Override
    public void close() {
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    private static final class Appender extends AppenderBase<ILoggingEvent> {

        private final PatternLayout layout;
        private final List<String> lines = new ArrayList<>();
        private long dropped;

        Appender(PatternLayout layout) {
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = layout.doLayout(event).stripTrailing();
            synchronized (this) {
                if (lines.size() < MAX_LINES) {
                    lines.add(line);
                } else {
                    dropped++;
                }
            }
        }
    }
}
