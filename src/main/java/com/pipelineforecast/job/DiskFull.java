package com.pipelineforecast.job;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * A full disk, told in one line naming the path and what filled, instead of what it looks like deep down: the
 * writer's {@code No space left on device}, or — for the embedded database, whose data file is memory-mapped
 * ({@code SET FILES NIO SIZE}) — {@code InternalError: a fault occurred in a recent unsafe memory access operation}
 * and, on the statements after it, {@code invalid cursor state}, or {@code Data File size limit is reached} when it
 * cannot extend the file (these two count as a full disk only where its disk has less than 64 MB free).
 */
public final class DiskFull {

    /** Below this much free space, a database failure that names no cause is taken for a full disk. */
    static final long LOW_SPACE = 64L * 1024 * 1024;

    private DiskFull() {
    }

    /** A write of a report that failed for want of space, naming the file. */
    public static final class WritingFailed extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Path file;

        public WritingFailed(Path file, Throwable cause) {
            super("no space left on device while writing " + file + " (" + usable(file) + ")", cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** Whether the failure is the disk running full. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof WritingFailed || noSpace(t) || unsafeAccess(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure as one line when it is the disk running full, else null.
     *
     * @param database the folder of the embedded database (null on PostgreSQL)
     */
    public static String describe(Throwable failure, Path database) {
        boolean cursor = false;
        boolean databaseSide = false;
        Path file = null;
        boolean full = false;
        for (Throwable t : chain(failure)) {
            if (t instanceof WritingFailed writing) {
                return writing.getMessage();
            }
            if (noSpace(t)) {
                full = true;
                if (t instanceof FileSystemException fs && fs.getFile() != null && file == null) {
                    file = Path.of(fs.getFile());
                }
            }
            if (unsafeAccess(t)) {
                full = true;
                databaseSide = true;
            }
            String name = t.getClass().getName();
            if (name.startsWith("org.hsqldb") || t instanceof java.sql.SQLException
                    || name.startsWith("org.springframework.dao") || name.startsWith("org.springframework.jdbc")) {
                databaseSide = true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // HSQLDB's words when its data file cannot grow (on a full disk, or at its configured size limit)
            cursor |= message.contains("invalid cursor state") || message.contains("data file size limit is reached");
        }
        if (!full && cursor && database != null && freeBytes(database) < LOW_SPACE) {
            full = true;
            databaseSide = true;
        }
        if (!full) {
            return null;
        }
        if (file != null && database != null && file.toAbsolutePath().normalize()
                .startsWith(database.toAbsolutePath().normalize())) {
            // the run's work files beside the database's own
            return "no space left on device for the history database in " + database.toAbsolutePath().normalize()
                    + " (" + file.getFileName() + " could not grow; " + usable(database) + ")";
        }
        if (file != null) {
            return "no space left on device while writing " + file + " (" + usable(file) + ")";
        }
        if (databaseSide && database != null) {
            return "no space left on device for the history database in " + database.toAbsolutePath().normalize()
                    + " (its data file could not grow; " + usable(database) + ")";
        }
        return "no space left on device (" + rootMessage(failure) + ")";
    }

    private static boolean noSpace(Throwable t) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no space left on device") || message.contains("disk quota exceeded")
                || message.contains("not enough space on the disk");
    }

    /** How the JVM reports a write into a memory-mapped file whose disk is full (SIGBUS). */
    private static boolean unsafeAccess(Throwable t) {
        return t instanceof InternalError && String.valueOf(t.getMessage()).contains("unsafe memory access");
    }

    private static String usable(Path path) {
        long free = freeBytes(path);
        return free < 0 ? "free space unknown" : String.format(Locale.US, "%,d KB free", free / 1024);
    }

    private static long freeBytes(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        while (!todo.isEmpty() && all.size() < 100) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
            if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return all;
    }

    private static String rootMessage(Throwable e) {
        return NightlyRun.rootMessage(e);
    }
}
