package com.pipelineforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script of the launcher folder (src/main/dist/pipeline-forecast), with a stand-in for java that logs
 * its arguments and, asked to archive its classes at exit, writes the archive: the first run makes the
 * class-data-sharing archive, the next use it, a new Java or a new jar makes a new one, and the exit code is the
 * application's.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {

    @TempDir
    Path folder;

    @Test
    void theFirstRunMakesTheArchiveAndTheNextRunsUseIt() throws Exception {
        install("17.0.15", 0);
        assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g"), "--run-date=2026-11-22")).isZero();
        List<Path> archives = archives();
        assertThat(archives).singleElement().satisfies(a -> assertThat(a.getFileName().toString())
                .matches("pipeline-forecast-\\d+\\.jsa"));
        assertThat(Files.readString(archives.get(0))).isEqualTo("classes\n");
        assertThat(lastCall()).startsWith("-XX:+UseParallelGC -Xmx1g -XX:ArchiveClassesAtExit=" + folder.resolve("cds/.partial-"))
                .endsWith(" -jar " + folder.resolve("pipeline-forecast.jar") + " --run-date=2026-11-22");

        assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g"), "--status")).isZero();
        assertThat(lastCall()).isEqualTo("-XX:+UseParallelGC -Xmx1g -XX:SharedArchiveFile=" + archives.get(0)
                + " -Xlog:cds=off,cds+dynamic=off -jar " + folder.resolve("pipeline-forecast.jar") + " --status");
        assertThat(archives()).isEqualTo(archives);
    }

    @Test
    void anotherJavaOrAnotherJarGetsAnArchiveOfItsOwnInPlaceOfTheOld() throws Exception {
        install("17.0.15", 0);
        run(Map.of());
        Path first = archives().get(0);
        install("21.0.5", 0);
        run(Map.of());
        assertThat(archives()).singleElement().isNotEqualTo(first);
        assertThat(lastCall()).contains("-XX:ArchiveClassesAtExit=");
        Path second = archives().get(0);
        Files.writeString(folder.resolve("pipeline-forecast.jar"), "a newer build, longer than the first\n");
        run(Map.of());
        assertThat(archives()).singleElement().isNotEqualTo(second);
    }

    @Test
    void theExitCodeIsTheApplicationsAndAFailedRunStillLeavesItsArchive() throws Exception {
        install("17.0.15", 4);
        assertThat(run(Map.of())).isEqualTo(4);
        assertThat(archives()).hasSize(1);
        assertThat(run(Map.of())).isEqualTo(4);
        assertThat(lastCall()).contains("-XX:SharedArchiveFile=");
    }

    @Test
    void withoutAWritableArchiveFolderItRunsWithoutOne() throws Exception {
        install("17.0.15", 0);
        Files.writeString(folder.resolve("cds"), "a file where the folder would be");
        assertThat(run(Map.of("JAVA_OPTS", "-Xmx512m"), "--help")).isZero();
        assertThat(lastCall()).isEqualTo("-XX:+UseParallelGC -Xmx512m -jar " + folder.resolve("pipeline-forecast.jar")
                + " --help");
    }

    /** The throughput collector unless JAVA_OPTS chooses one (two collectors would stop the JVM from starting). */
    @Test
    void aCollectorChosenInJavaOptsIsTheOneUsed() throws Exception {
        install("17.0.15", 0);
        run(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"));
        assertThat(lastCall()).startsWith("-Xmx1g -XX:+UseG1GC -XX:ArchiveClassesAtExit=");
        run(Map.of("JAVA_OPTS", "-XX:+UseSerialGC"));
        assertThat(lastCall()).startsWith("-XX:+UseSerialGC -XX:SharedArchiveFile=");
    }

    /** The script and a jar in the folder, and a java that logs its arguments and exits with {@code exitCode}. */
    private void install(String version, int exitCode) throws IOException {
        Path script = folder.resolve("pipeline-forecast");
        Files.copy(Path.of("src/main/dist/pipeline-forecast"), script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!Files.exists(folder.resolve("pipeline-forecast.jar"))) {
            Files.writeString(folder.resolve("pipeline-forecast.jar"), "jar\n");
        }
        Path java = folder.resolve("fake-java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo "openjdk version \\"%s\\"" >&2; exit 0; fi
                echo "$*" >> "%s"
                for arg in "$@"; do
                    case "$arg" in -XX:ArchiveClassesAtExit=*) echo classes > "${arg#*=}";; esac
                done
                exit %d
                """.formatted(version, folder.resolve("calls.log"), exitCode));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(folder.resolve("pipeline-forecast").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA", folder.resolve("fake-java").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).isEmpty();
        return process.exitValue();
    }

    private String lastCall() throws IOException {
        List<String> calls = Files.readAllLines(folder.resolve("calls.log"));
        return calls.get(calls.size() - 1);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("cds"))) {
            return files.sorted().toList();
        }
    }
}
