package com.pipelineforecast.domain;

import java.time.LocalDate;

/**
 * Fiscal periods. A fiscal year starting in month {@code startMonth} is named after the calendar year in which it
 * ends (April 2026 – March 2027 is FY2027); with a January start, fiscal and calendar years are the same. A
 * quarter is identified by the key {@code fiscalYear * 10 + quarter} (FY2027 Q1 = 20271).
 */
public record FiscalCalendar(int startMonth) {

    public static final FiscalCalendar CALENDAR_YEAR = new FiscalCalendar(1);

    public FiscalCalendar {
        if (startMonth < 1 || startMonth > 12) {
            throw new IllegalArgumentException("--fiscal-year-start must be a month 1..12, found " + startMonth);
        }
    }

    public int fiscalYear(LocalDate date) {
        return startMonth == 1 || date.getMonthValue() < startMonth ? date.getYear() : date.getYear() + 1;
    }

    public int quarter(LocalDate date) {
        return (date.getMonthValue() - startMonth + 12) % 12 / 3 + 1;
    }

    public int quarterKey(LocalDate date) {
        return fiscalYear(date) * 10 + quarter(date);
    }

    /** The quarter key {@code n} quarters after the given one. */
    public static int plusQuarters(int key, int n) {
        int index = key / 10 * 4 + key % 10 - 1 + n;
        return index / 4 * 10 + index % 4 + 1;
    }

    /**
     * The forecast period of a deal: for an open deal the fiscal quarter of its close date (past due or not),
     * "unscheduled" (no close date) or "later" (beyond the current quarter and the next four); for a closed deal
     * the quarter it closed in.
     */
    public String period(LocalDate closeDate, LocalDate runDate, boolean open) {
        if (closeDate == null) {
            return UNSCHEDULED;
        }
        if (!open) {
            return label(quarterKey(closeDate));
        }
        return periodOfKey(quarterKey(closeDate), quarterKey(runDate));
    }

    public static final String UNSCHEDULED = "unscheduled";

    /**
     * The period of an open deal by its bucket key: -1 unscheduled, else the fiscal quarter of its close date (a
     * past-due deal stays in its quarter: past due is a flag, not a period), "later" beyond the next four quarters.
     */
    public static String periodOfKey(int key, int currentQuarter) {
        return key == -1 ? UNSCHEDULED : key > plusQuarters(currentQuarter, 4) ? "later" : label(key);
    }

    public static String label(int key) {
        return "FY" + key / 10 + " Q" + key % 10;
    }

    /** The first day of a fiscal quarter. */
    public LocalDate start(int key) {
        int fiscalYear = key / 10;
        int quarter = key % 10;
        LocalDate yearStart = startMonth == 1 ? LocalDate.of(fiscalYear, 1, 1)
                : LocalDate.of(fiscalYear - 1, startMonth, 1);
        return yearStart.plusMonths(3L * (quarter - 1));
    }
}
