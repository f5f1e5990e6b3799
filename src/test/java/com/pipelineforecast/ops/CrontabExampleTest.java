package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The crontab line of schedule/ on a fresh install (no logs/ folder), with a stand-in for java. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CrontabExampleTest {

    @TempDir
    Path install;

    @Test
    void createsItsLogFolderAndAppendsEveryNight() throws Exception {
        Path bin = fakeJava(0);
        assertThat(runCronLine(bin)).isEmpty();
        assertThat(runCronLine(bin)).isEmpty();
        assertThat(Files.readAllLines(install.resolve("logs/nightly.log")))
                .containsExactly("java -Xmx1g -jar pipeline-forecast.jar --input=input --reports=reports "
                        + "--zone=Europe/Berlin", "java -Xmx1g -jar pipeline-forecast.jar --input=input "
                        + "--reports=reports --zone=Europe/Berlin");
    }

    @Test
    void aFailedNightPrintsOneLineWithTheJobsExitCode() throws Exception {
        Path bin = fakeJava(4);
        assertThat(runCronLine(bin)).isEqualTo("pipeline-forecast failed with exit code 4, see " + install
                + "/logs/nightly.log\n");
    }

    private Path fakeJava(int exitCode) throws IOException {
        Path bin = Files.createDirectories(install.resolve("fake-bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho java \"$@\"\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** The crontab's command (after the five time fields), for this install folder, as cron runs it: sh -c. */
    private String runCronLine(Path bin) throws Exception {
        String line = Files.readAllLines(Path.of("schedule/crontab")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        String command = line.replaceFirst("^(\\S+\\s+){5}", "").replace("/opt/pipeline-forecast", install.toString());
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
