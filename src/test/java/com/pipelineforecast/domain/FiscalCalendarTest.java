package com.pipelineforecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FiscalCalendarTest {

    @ParameterizedTest(name = "start {0}: {1} is {2}")
    @CsvSource({
        "1, 2026-01-01, FY2026 Q1", "1, 2026-03-31, FY2026 Q1", "1, 2026-04-01, FY2026 Q2",
        "1, 2026-12-31, FY2026 Q4", "1, 2027-01-01, FY2027 Q1",
        "4, 2026-03-31, FY2026 Q4", "4, 2026-04-01, FY2027 Q1", "4, 2026-06-30, FY2027 Q1",
        "4, 2026-07-01, FY2027 Q2", "4, 2026-12-31, FY2027 Q3", "4, 2027-01-01, FY2027 Q4",
        "4, 2027-03-31, FY2027 Q4", "10, 2026-09-30, FY2026 Q4", "10, 2026-10-01, FY2027 Q1",
        "2, 2026-01-31, FY2026 Q4", "2, 2026-02-01, FY2027 Q1", "12, 2026-12-01, FY2027 Q1",
        "12, 2026-11-30, FY2026 Q4"})
    void quarterBoundaries(int start, LocalDate date, String quarter) {
        FiscalCalendar calendar = new FiscalCalendar(start);
        assertThat(FiscalCalendar.label(calendar.quarterKey(date))).isEqualTo(quarter);
        assertThat(calendar.start(calendar.quarterKey(date))).isBeforeOrEqualTo(date)
                .isAfter(date.minusMonths(3));
    }

    @Test
    void quartersRollOverYears() {
        assertThat(FiscalCalendar.plusQuarters(20264, 1)).isEqualTo(20271);
        assertThat(FiscalCalendar.plusQuarters(20263, 4)).isEqualTo(20273);
        assertThat(FiscalCalendar.plusQuarters(20261, 0)).isEqualTo(20261);
        assertThat(new FiscalCalendar(4).start(20271)).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(new FiscalCalendar(1).start(20264)).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new FiscalCalendar(13));
    }
}
