package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** How a full disk is told, whatever it looks like deep down (the faults are injected as the JVM raises them). */
class DiskFullTest {

    private static final Path DATABASE = Path.of("data");

    @Test
    void aWriteOfAReportNamesTheFile() throws Exception {
        Path file = Path.of("reports/.staging-x/pipeline.xlsx");
        Exception failure = new IllegalStateException("render failed", new DiskFull.WritingFailed(file,
                new IOException("No space left on device")));
        assertThat(DiskFull.isDiskFull(failure)).isTrue();
        assertThat(DiskFull.describe(failure, DATABASE)).startsWith("no space left on device while writing "
                + file + " (").endsWith("KB free)");
        Exception thrown = null;
        try {
            RenderTasklet.writing(file, () -> {
                throw new UncheckedIOException(new IOException("No space left on device"));
            });
        } catch (Exception e) {
            thrown = e;
        }
        assertThat(thrown).isInstanceOf(DiskFull.WritingFailed.class).hasMessageContaining(file.toString());
    }

    @Test
    void aFileSystemExceptionNamesItsFile() {
        Exception failure = new RuntimeException(new FileSystemException("/srv/reports/x/run.json", null,
                "No space left on device"));
        assertThat(DiskFull.describe(failure, DATABASE)).startsWith(
                "no space left on device while writing /srv/reports/x/run.json");
    }

    @Test
    void theMemoryMappedDatabaseFileOfAFullDiskIsNamedInsteadOfAnUnsafeMemoryAccess() {
        InternalError fault = new InternalError("a fault occurred in a recent unsafe memory access operation in "
                + "compiled Java code");
        Exception failure = new org.springframework.jdbc.UncategorizedSQLException("insert", "INSERT …",
                new SQLException("java.lang.InternalError: a fault occurred", "S1000", fault));
        String line = DiskFull.describe(failure, DATABASE);
        assertThat(line).startsWith("no space left on device for the history database in "
                + DATABASE.toAbsolutePath().normalize()).doesNotContain("unsafe", "InternalError");
        assertThat(DiskFull.describe(fault, DATABASE)).startsWith("no space left on device for the history database");
    }

    @Test
    void aDatabaseWriteThatRunsOutOfSpaceNamesTheDatabase() {
        Exception failure = new org.springframework.dao.DataAccessResourceFailureException("flush",
                new SQLException("data file: error", new IOException("No space left on device")));
        assertThat(DiskFull.describe(failure, DATABASE)).startsWith(
                "no space left on device for the history database in " + DATABASE.toAbsolutePath().normalize());
    }

    @Test
    void otherFailuresAreNotADiskFull() {
        Exception failure = new IllegalStateException("injected failure", new IOException("Broken pipe"));
        assertThat(DiskFull.isDiskFull(failure)).isFalse();
        assertThat(DiskFull.describe(failure, DATABASE)).isNull();
        // invalid cursor state is a full disk only where the database's disk is nearly full (here it is not)
        assertThat(DiskFull.describe(new SQLException("invalid cursor state: identifier cursor not positioned"),
                Path.of(System.getProperty("java.io.tmpdir")))).isNull();
    }
}
