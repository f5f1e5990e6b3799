package com.pipelineforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
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
 * its calls: without a usable class-data-sharing archive a training night on training/ makes one first (with an
 * empty environment), the night itself only ever reads one, a failed training leaves the night as it would be
 * without the launcher, and the exit code is the application's.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {

    /** HotSpot's compiler options for a short batch run (see the script). */
    private static final String JIT = "-XX:InlineSmallCode=1000 -XX:FreqInlineSize=100 -XX:MaxInlineLevel=9"
            + " -XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400"
            + " -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000";
    /** The application context worked out by the build (Spring AOT). */
    private static final String AOT = "-Dspring.aot.enabled=true";

    @TempDir
    Path folder;

    @Test
    void aTrainingNightMakesTheArchiveOnceAndTheNightsUseIt() throws Exception {
        install("17.0.15", 0, 0);
        assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g", "SPRING_PROFILES_ACTIVE", "postgres"), "--run-date=2026-11-22"))
                .isZero();
        Path archive = single(archives());
        assertThat(archive.getFileName().toString()).matches("pipeline-forecast-\\d+\\.jsa");
        assertThat(Files.readString(archive)).isEqualTo("classes\n");
        List<String> calls = calls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).startsWith("train env=[] -XX:+UseParallelGC " + JIT + " " + AOT + " -XX:ArchiveClassesAtExit=")
                .contains(" --input=" + folder.toRealPath().resolve("training") + " ");
        assertThat(calls.get(1)).contains("-Xshare:on").endsWith("--help");
        assertThat(calls.get(2)).isEqualTo("night -XX:+UseParallelGC " + JIT + " " + AOT + " -Xmx1g -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off,cds+dynamic=off -jar " + jar() + " --run-date=2026-11-22");

        assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g"), "--status")).isZero();
        assertThat(calls()).hasSize(4);
        assertThat(last()).isEqualTo("night -XX:+UseParallelGC " + JIT + " " + AOT + " -Xmx1g -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off,cds+dynamic=off -jar " + jar() + " --status");
    }

    @Test
    void anotherJavaOrANewerJarGetsANewArchiveInPlaceOfTheOld() throws Exception {
        install("17.0.15", 0, 0);
        run(Map.of());
        Path first = single(archives());
        install("21.0.5", 0, 0);
        run(Map.of());
        Path second = single(archives());
        assertThat(second).isNotEqualTo(first);
        Files.setLastModifiedTime(second, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(folder.resolve("pipeline-forecast.jar"), FileTime.from(Instant.now()));
        int before = calls().size();
        run(Map.of());
        assertThat(calls().subList(before, calls().size())).first().asString().startsWith("train ");
        assertThat(single(archives())).isEqualTo(second);
        assertThat(Files.getLastModifiedTime(second).toInstant()).isAfter(Instant.now().minusSeconds(30));
    }

    @Test
    void theExitCodeIsTheNightsWhateverTheTraining() throws Exception {
        install("17.0.15", 4, 0);
        assertThat(run(Map.of())).isEqualTo(4);
        assertThat(archives()).hasSize(1);
        install("17.0.15", 4, 1);
        Files.delete(single(archives()));
        assertThat(run(Map.of())).isEqualTo(4);
        assertThat(archives()).isEmpty();
        assertThat(last()).isEqualTo("night -XX:+UseParallelGC " + JIT + " " + AOT + " -jar " + jar());
        assertThat(Files.readString(folder.resolve("cds/training.log"))).contains("training failed");
    }

    @Test
    void withoutAWritableArchiveFolderItRunsWithoutOneAndWithoutTraining() throws Exception {
        install("17.0.15", 0, 0);
        Files.writeString(folder.resolve("cds"), "a file where the folder would be");
        assertThat(run(Map.of("JAVA_OPTS", "-Xmx512m"), "--help")).isZero();
        assertThat(calls()).containsExactly("night -XX:+UseParallelGC " + JIT + " " + AOT + " -Xmx512m -jar " + jar() + " --help");
    }

    /** The throughput collector unless the JVM's options choose one (two collectors stop the JVM from starting). */
    @Test
    void aCollectorChosenInTheJavaOptionsIsTheOneUsed() throws Exception {
        install("17.0.15", 0, 0);
        run(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"));
        assertThat(last()).startsWith("night " + JIT + " " + AOT + " -Xmx1g -XX:+UseG1GC -XX:SharedArchiveFile=");
        run(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"));
        assertThat(last()).startsWith("night " + JIT + " " + AOT + " -XX:SharedArchiveFile=");
        run(Map.of("JAVA_OPTS", "-XX:+UseStringDeduplication -XX:+DisableExplicitGC"));
        assertThat(last()).startsWith("night -XX:+UseParallelGC " + JIT + " " + AOT + " -XX:+UseStringDeduplication");
    }

    /** The compiler options come before JAVA_OPTS, so that the JVM takes a user's own; OpenJ9 does not get them. */
    @Test
    void compilerOptionsAreHotSpotsAndGiveWayToTheUsersOwn() throws Exception {
        install("17.0.15", 0, 0);
        run(Map.of("JAVA_OPTS", "-XX:MaxInlineLevel=15"));
        assertThat(last()).startsWith("night -XX:+UseParallelGC " + JIT + " " + AOT + " -XX:MaxInlineLevel=15 ");
        install("17.0.15", "Eclipse OpenJ9 VM (build openj9-0.49.0, JRE 17 Linux amd64-64-Bit)", 0, 0);
        run(Map.of("JAVA_OPTS", "-Xmx1g"));
        assertThat(last()).startsWith("night -XX:+UseParallelGC " + AOT + " -Xmx1g ").doesNotContain("Inline");
    }

    /**
     * The script, a jar and training/ in the folder, and a java that logs each call: the training night (it writes
     * the archive it is asked for and exits {@code trainingExit}), the archive's check, and the night itself (it
     * exits {@code exitCode}).
     */
    private void install(String version, int exitCode, int trainingExit) throws IOException {
        install(version, "OpenJDK 64-Bit Server VM (build " + version + ", mixed mode, sharing)", exitCode,
                trainingExit);
    }

    private void install(String version, String vm, int exitCode, int trainingExit) throws IOException {
        Path script = folder.resolve("pipeline-forecast");
        Files.copy(Path.of("src/main/dist/pipeline-forecast"), script, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(folder.resolve("training"));
        if (!Files.exists(folder.resolve("pipeline-forecast.jar"))) {
            Files.writeString(folder.resolve("pipeline-forecast.jar"), "jar\n");
            Files.setLastModifiedTime(folder.resolve("pipeline-forecast.jar"),
                    FileTime.from(Instant.now().minusSeconds(3600)));
        }
        Path java = folder.resolve("fake-java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then printf 'openjdk version "%s"\\n%s\\n' >&2; exit 0; fi
                case "$*" in
                    *--input=*/training*)
                        echo "train env=[$SPRING_PROFILES_ACTIVE$JAVA_OPTS] $*" >> "%s"
                        if [ %d -ne 0 ]; then echo "training failed"; exit %d; fi
                        for arg in "$@"; do
                            case "$arg" in -XX:ArchiveClassesAtExit=*) echo classes > "${arg#*=}";; esac
                        done
                        exit 0;;
                    *-Xshare:on*) echo "check $*" >> "%s"; exit 0;;
                esac
                echo "night $*" >> "%s"
                exit %d
                """.formatted(version, vm, log(), trainingExit, trainingExit, log(), log(), exitCode));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(folder.resolve("pipeline-forecast").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "JAVA_HOME", "SPRING_PROFILES_ACTIVE"));
        builder.environment().put("JAVA", folder.resolve("fake-java").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).isEmpty();
        return process.exitValue();
    }

    private Path log() {
        return folder.resolve("calls.log");
    }

    private List<String> calls() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    private Path jar() throws IOException {
        return folder.toRealPath().resolve("pipeline-forecast.jar");
    }

    private String last() throws IOException {
        List<String> calls = calls();
        return calls.get(calls.size() - 1);
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(folder.resolve("cds"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.resolve("cds"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private static Path single(List<Path> paths) {
        assertThat(paths).hasSize(1);
        return paths.get(0);
    }
}
