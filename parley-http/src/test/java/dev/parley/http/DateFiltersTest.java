package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateFiltersTest {
    private static final LocalDate JULY_3 = LocalDate.parse("2025-07-03");

    @Test
    void everyFormTheSdksSendNamesItsGmtDay() {
        for (String form : new String[] {"2025-07-03", "2025-07-03T00:00:00Z", "2025-07-03T00:00:00",
            "2025-07-03T23:59:59.999Z", "2025-07-03T00:00:00+00:00", "2025-07-03T00:00:00Z[Etc/UTC]",
            " 2025-07-03 ", "2025-07-04T01:00:00+02:00", "2025-07-04T01:00:00 02:00", "2025-07-02T22:00:00-02:00"}) {
            assertThat(DateFilters.day(form, "DateSent")).as(form).isEqualTo(JULY_3);
        }
        assertThat(DateFilters.day(null, "DateSent")).isNull();
        assertThat(DateFilters.day("", "DateSent")).isNull();
    }

    @Test
    void theTrioNarrowsToWholeGmtDays() {
        DateFilters.Range on = DateFilters.days("2025-07-03T15:00:00Z", null, null, "DateSent");
        assertThat(on.from()).isEqualTo(Instant.parse("2025-07-03T00:00:00Z"));
        assertThat(on.until()).isEqualTo(Instant.parse("2025-07-04T00:00:00Z"));
        DateFilters.Range between = DateFilters.days(null, "2025-07-05T00:00:00", "2025-07-01T10:00:00Z", "DateSent");
        assertThat(between.from()).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
        assertThat(between.until()).isEqualTo(Instant.parse("2025-07-06T00:00:00Z"));
        DateFilters.Range narrowed = DateFilters.days("2025-07-03", "2025-07-05", "2025-07-01", "DateSent");
        assertThat(narrowed).isEqualTo(on);
        assertThat(DateFilters.days(null, null, null, "DateSent")).isEqualTo(DateFilters.Range.ALL);
    }

    @Test
    void instantsKeepTheirTimeAndAnEndIncludesItsDayOrSecond() {
        assertThat(DateFilters.instant("2025-07-03T10:15:30+02:00", "StartDate", false))
                .isEqualTo(Instant.parse("2025-07-03T08:15:30Z"));
        assertThat(DateFilters.instant("2025-07-03", "StartDate", false))
                .isEqualTo(Instant.parse("2025-07-03T00:00:00Z"));
        assertThat(DateFilters.instant("2025-07-03", "EndDate", true))
                .isEqualTo(Instant.parse("2025-07-04T00:00:00Z"));
        assertThat(DateFilters.instant("2025-07-03T23:59:59Z", "EndDate", true))
                .isEqualTo(Instant.parse("2025-07-04T00:00:00Z"));
        assertThat(DateFilters.instant("2025-07-03T23:59:59.5Z", "EndDate", true))
                .isEqualTo(Instant.parse("2025-07-03T23:59:59.5Z"));
    }

    @Test
    void anythingElseIsTwilios20001NamingTheParameter() {
        for (String bad : new String[] {"yesterday", "2025-13-01", "2025-07-03T25:00:00Z", "07/03/2025",
            "2025-07-03Tnoon", "-30days"}) {
            assertThatThrownBy(() -> DateFilters.day(bad, "DateSent<")).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(20001);
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("DateSent<").contains(bad);
                    });
            assertThatThrownBy(() -> DateFilters.instant(bad, "EndDate", true)).as(bad)
                    .isInstanceOf(ApiException.class);
        }
    }
}
