package com.pipelineforecast.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.util.JRSaver;

/**
 * The PDF's templates. Compiling a JRXML (Java source generated and compiled with JDT for every expression) costs
 * about 1.5 s of CPU for the thirteen of them, so the build compiles them once ({@link #main}) into
 * {@code reports/<name>.jasper} beside {@code reports/compiled.properties}, which holds the SHA-256 of each JRXML
 * they were compiled from. A template whose JRXML no longer matches (edited and run without the build) is compiled
 * at run time instead, so a stale compiled file is never used.
 */
public final class ReportTemplates {

    static final List<String> NAMES = List.of("forecast", "figures", "stages", "periods", "owners",
            "unevidenced", "missing-items", "deal-list", "slipped", "movement", "quotas", "calls", "rollup");
    static final String SOURCES = "compiled.properties";

    private ReportTemplates() {
    }

    /** Every template by name, compiled: the build's compiled file when it matches its JRXML, else compiled now. */
    public static Map<String, JasperReport> load() throws IOException {
        Properties sources = compiledSources();
        Map<String, JasperReport> reports = new HashMap<>();
        for (String name : NAMES) {
            byte[] jrxml = resource(name + ".jrxml");
            if (jrxml == null) {
                throw new IOException("reports/" + name + ".jrxml is missing from the application");
            }
            byte[] jasper = compiledFile(name, jrxml, sources);
            try {
                JasperReport report = jasper == null ? null : loaded(jasper);
                reports.put(name, report != null ? report
                        : JasperCompileManager.compileReport(new ByteArrayInputStream(jrxml)));
            } catch (JRException e) {
                throw new IOException("cannot compile reports/" + name + ".jrxml: " + e.getMessage(), e);
            }
        }
        return reports;
    }

    /** A compiled template, or null when the file cannot be read as one (it is compiled from its JRXML then). */
    private static JasperReport loaded(byte[] jasper) {
        try {
            return JRLoader.loadObject(new ByteArrayInputStream(jasper)) instanceof JasperReport report ? report : null;
        } catch (JRException | RuntimeException unreadable) {
            return null;
        }
    }

    /** How many of the templates {@link #load} takes compiled from the build rather than compiling them itself. */
    static long precompiled() throws IOException {
        Properties sources = compiledSources();
        long count = 0;
        for (String name : NAMES) {
            byte[] jrxml = resource(name + ".jrxml");
            if (jrxml != null && compiledFile(name, jrxml, sources) != null) {
                count++;
            }
        }
        return count;
    }

    /** The build's compiled file of a template while it matches the template's JRXML, else null. */
    private static byte[] compiledFile(String name, byte[] jrxml, Properties sources) throws IOException {
        return Checksums.sha256(jrxml).equals(sources.getProperty(name)) ? resource(name + ".jasper") : null;
    }

    /** Build step: compiles {@code <source>/<name>.jrxml} into {@code <target>/<name>.jasper} and records sources. */
    public static void main(String[] args) throws IOException, JRException {
        Path source = Path.of(args[0]);
        Path target = Files.createDirectories(Path.of(args[1]));
        Properties sources = new Properties();
        for (String name : NAMES) {
            byte[] jrxml = Files.readAllBytes(source.resolve(name + ".jrxml"));
            JRSaver.saveObject(JasperCompileManager.compileReport(new ByteArrayInputStream(jrxml)),
                    target.resolve(name + ".jasper").toFile());
            sources.setProperty(name, Checksums.sha256(jrxml));
        }
        try (OutputStream out = Files.newOutputStream(target.resolve(SOURCES))) {
            sources.store(out, "SHA-256 of the JRXML each .jasper was compiled from");
        }
    }

    private static Properties compiledSources() throws IOException {
        Properties sources = new Properties();
        byte[] file = resource(SOURCES);
        if (file != null) {
            sources.load(new ByteArrayInputStream(file));
        }
        return sources;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReportTemplates.class.getResourceAsStream("/reports/" + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
