package com.pipelineforecast.report;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for tests: takes the lock of a reports folder, prints {@code held}, and keeps it for the given
 * milliseconds (or until killed) before letting go; an optional third argument is how many seconds it waits
 * for the lock.
 */
public final class ReportsLockHolder {

    private ReportsLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (ReportsLock lock = ReportsLock.acquire(Path.of(args[0]), Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30))) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
        System.out.println("released");
        System.out.flush();
    }
}
