package com.pipelineforecast.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer at a time per reports folder: an operating-system lock on {@code <reports>/.lock}, held from before
 * the first staging folder is made until after the publish, so two installations (or hosts) that share one
 * reports folder never stage, publish or clean up in it at the same time. The lock file names its holder (process
 * id, host, since when); the lock dies with its process, so a file left by a killed process is simply taken over.
 * The holder removes the file when it lets go, so a quiet reports folder holds only published dates.
 *
 * <p>Taking over a file the holder is about to remove is guarded: the taker compares the file's identity (device
 * and inode) before opening and after locking; a difference means the path now names another file (the old one
 * was removed meanwhile) and the taker tries again. The file is never opened a second time while locked: on
 * POSIX systems closing any descriptor of a file drops the process's locks on it.
 */
public final class ReportsLock implements AutoCloseable {

    public static final String FILE_NAME = ".lock";
    private static final Duration POLL = Duration.ofMillis(200);

    /** Reports folders locked by this process: a second open and close of the file would drop the lock. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final String key;
    private final FileChannel channel;
    private final FileLock lock;

    private ReportsLock(Path file, String key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a reports folder. */
    public static Path file(Path reports) {
        return reports.resolve(FILE_NAME);
    }

    /**
     * Takes the lock of {@code reports}, waiting up to {@code wait} for another holder to let go.
     *
     * @throws HeldElsewhere when another process still holds it after the wait, naming the lock file and holder
     */
    public static ReportsLock acquire(Path reports, Duration wait) throws IOException, InterruptedException {
        Path file = file(reports);
        String key = file.toAbsolutePath().normalize().toString();
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            String holder;
            if (!HELD_HERE.add(key)) {
                // held by this very process: opening and closing the file here would drop that holder's lock
                holder = "pid " + ProcessHandle.current().pid() + " (this process)";
            } else {
                ReportsLock taken = null;
                try {
                    Object before = fileKey(file);
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock();
                    if (lock != null && before != null && before.equals(fileKey(file))) {
                        byte[] token = (ProcessInfo.describe() + "\n").getBytes(StandardCharsets.UTF_8);
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap(token), 0);
                        channel.force(true);
                        taken = new ReportsLock(file, key, channel, lock);
                        return taken;
                    }
                    holder = lock == null ? read(channel) : "";
                    if (lock != null) {
                        // the path names another file than the one locked (the holder removed it meanwhile)
                        lock.release();
                        channel.close();
                        continue;
                    }
                    channel.close();
                } finally {
                    if (taken == null) {
                        HELD_HERE.remove(key);
                    }
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new HeldElsewhere(file, holder, wait);
            }
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    /** Lets go of the lock and removes the lock file (left in place where the system refuses to remove it). */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // e.g. a file system that does not remove open files: the next holder takes the file over
        }
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_HERE.remove(key);
        }
    }

    /** The file's identity (device and inode where the system has them), or null when it is missing. */
    private static Object fileKey(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return key != null ? key : attributes.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    /** What the holder wrote into the lock file, read through the channel already open (no second descriptor). */
    private static String read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // read on
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip()
                    .replaceAll("[\\p{Cntrl}]", " ");
        } catch (IOException e) {
            return "";
        }
    }

    /** The reports folder is locked by another process (or another run of this one). */
    public static final class HeldElsewhere extends IOException {

        private static final long serialVersionUID = 1L;

        private final Path file;
        private final String holder;

        HeldElsewhere(Path file, String holder, Duration waited) {
            super("the reports folder is in use by another run (lock file " + file + ", held by "
                    + (holder.isEmpty() ? "an unknown process" : holder.length() > 200 ? holder.substring(0, 200)
                            : holder) + "; waited " + waited.toSeconds() + " s)");
            this.file = file;
            this.holder = holder;
        }

        public Path file() {
            return file;
        }

        public String holder() {
            return holder;
        }
    }

    /** What names this process in the lock file. */
    static final class ProcessInfo {

        private ProcessInfo() {
        }

        static String describe() {
            return "pid " + ProcessHandle.current().pid() + " on host " + ReportPublisher.HOST + " since "
                    + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
    }
}
