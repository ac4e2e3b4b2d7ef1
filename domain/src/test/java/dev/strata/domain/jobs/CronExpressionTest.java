package dev.strata.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant utc(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
    }

    private static List<Instant> ticks(String cron, ZoneId zone, Instant from, int n) {
        CronExpression expression = CronExpression.parse(cron);
        List<Instant> ticks = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < n; i++) {
            at = expression.next(at, zone);
            ticks.add(at);
        }
        return ticks;
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "* * * * *           | 2030-01-01T00:00:00 | 2030-01-01T00:01:00",
            "* * * * *           | 2030-01-01T00:00:30 | 2030-01-01T00:01:00",
            "*/15 * * * *        | 2030-01-01T00:14:00 | 2030-01-01T00:15:00",
            "*/15 * * * *        | 2030-01-01T00:45:00 | 2030-01-01T01:00:00",
            "5 * * * *           | 2030-01-01T00:05:00 | 2030-01-01T01:05:00",
            "0 9 * * *           | 2030-01-01T09:00:00 | 2030-01-02T09:00:00",
            "0 9 * * *           | 2030-01-01T08:59:59 | 2030-01-01T09:00:00",
            "0 9-17/4 * * *      | 2030-01-01T09:00:00 | 2030-01-01T13:00:00",
            "0 9-17/4 * * *      | 2030-01-01T17:00:00 | 2030-01-02T09:00:00",
            "10/20 * * * *       | 2030-01-01T00:31:00 | 2030-01-01T00:50:00",
            "0,30 8,20 * * *     | 2030-01-01T08:30:00 | 2030-01-01T20:00:00",
            "0 0 1 * *           | 2030-01-15T00:00:00 | 2030-02-01T00:00:00",
            "0 0 31 * *          | 2030-02-01T00:00:00 | 2030-03-31T00:00:00",
            "0 0 * * MON         | 2030-01-01T00:00:00 | 2030-01-07T00:00:00",
            "0 0 * * mon-fri     | 2030-01-04T12:00:00 | 2030-01-07T00:00:00",
            "0 0 * * 0           | 2030-01-01T00:00:00 | 2030-01-06T00:00:00",
            "0 0 * * 7           | 2030-01-01T00:00:00 | 2030-01-06T00:00:00",
            "0 0 * * SUN,SAT     | 2030-01-01T00:00:00 | 2030-01-05T00:00:00",
            "0 0 1 JAN *         | 2030-01-01T00:00:00 | 2031-01-01T00:00:00",
            "0 0 1 jun-aug *     | 2030-07-15T00:00:00 | 2030-08-01T00:00:00",
            "0 12 * DEC *        | 2030-12-31T12:00:00 | 2031-12-01T12:00:00",
            "0 0 13 * FRI        | 2030-01-01T00:00:00 | 2030-01-04T00:00:00",
            "0 0 13 * */2        | 2030-01-01T00:00:00 | 2030-01-13T00:00:00",
            "0 0 13 * */2        | 2030-01-13T00:00:00 | 2030-04-13T00:00:00",
            "@hourly             | 2030-01-01T00:00:00 | 2030-01-01T01:00:00",
            "@daily              | 2030-01-01T00:00:00 | 2030-01-02T00:00:00",
            "@weekly             | 2030-01-01T00:00:00 | 2030-01-06T00:00:00",
            "@monthly            | 2030-01-01T00:00:00 | 2030-02-01T00:00:00",
            "@yearly             | 2030-01-01T00:00:00 | 2031-01-01T00:00:00",
            "59 23 31 12 *       | 2030-12-31T23:59:00 | 2031-12-31T23:59:00",
            "* * * * * *         | 2030-01-01T00:00:00 | 2030-01-01T00:00:01",
            "*/2 * * * * *       | 2030-01-01T00:00:01 | 2030-01-01T00:00:02",
            "*/2 * * * * *       | 2030-01-01T00:00:59 | 2030-01-01T00:01:00",
            "30 * * * * *        | 2030-01-01T00:00:30 | 2030-01-01T00:01:30",
            "15,45 */5 * * * *   | 2030-01-01T00:00:45 | 2030-01-01T00:05:15",
            "0 0 9 * * *         | 2030-01-01T09:00:00 | 2030-01-02T09:00:00",
            "59 59 23 31 12 *    | 2030-12-31T23:59:59 | 2031-12-31T23:59:59",
            "0 * * * * *         | 2030-01-01T00:00:30 | 2030-01-01T00:01:00",
    })
    void nextTickInUtc(String cron, String after, String expected) {
        assertEquals(utc(expected), CronExpression.parse(cron).next(utc(after), UTC));
    }

    @Test
    void theTwentyNinthOfFebruaryComesInLeapYearsOnly() {
        assertEquals(List.of(utc("2032-02-29T00:00:00"), utc("2036-02-29T00:00:00"), utc("2040-02-29T00:00:00")),
                ticks("0 0 29 2 *", UTC, utc("2030-01-01T00:00:00"), 3));
    }

    @Test
    void noLeapDayIn2100SoTheNextIsEightYearsLater() {
        assertEquals(utc("2104-02-29T06:00:00"),
                CronExpression.parse("0 6 29 FEB *").next(utc("2096-03-01T00:00:00"), UTC));
    }

    @Test
    void theLastDayOfFebruaryInALeapYearIsADayOfTheMonthLikeAnyOther() {
        assertEquals(List.of(utc("2032-02-28T00:00:00"), utc("2032-02-29T00:00:00"), utc("2032-03-01T00:00:00")),
                ticks("0 0 * * *", UTC, utc("2032-02-27T12:00:00"), 3));
    }

    @Test
    void fieldsAreReadAsWallClockTimesOfTheZone() {
        // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer
        assertEquals(utc("2030-01-01T08:00:00"), CronExpression.parse("0 9 * * *").next(utc("2030-01-01T00:00:00"), BERLIN));
        assertEquals(utc("2030-07-01T07:00:00"), CronExpression.parse("0 9 * * *").next(utc("2030-07-01T00:00:00"), BERLIN));
    }

    @Test
    void aDailyTickInsideTheSpringGapFiresOnceShiftedByTheGap() {
        // Berlin, 2030-03-31: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day
        List<Instant> ticks = ticks("30 2 * * *", BERLIN, utc("2030-03-29T12:00:00"), 3);
        assertEquals(List.of(utc("2030-03-30T01:30:00"), // 02:30 CET
                utc("2030-03-31T01:30:00"), // shifted: 03:30 CEST
                utc("2030-04-01T00:30:00")), // 02:30 CEST
                ticks);
    }

    @Test
    void anIntervalKeepsItsPaceThroughTheSpringGap() {
        List<Instant> ticks = ticks("*/30 * * * *", BERLIN, utc("2030-03-31T00:00:00"), 4);
        // 01:30 CET, then 03:00 CEST (= 02:00 CET plus the gap), 03:30 CEST, 04:00 CEST
        assertEquals(List.of(utc("2030-03-31T00:30:00"), utc("2030-03-31T01:00:00"), utc("2030-03-31T01:30:00"),
                utc("2030-03-31T02:00:00")), ticks);
    }

    @Test
    void aDailyTickInsideTheAutumnOverlapFiresOnceAtItsFirstOccurrence() {
        // Berlin, 2030-10-27: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice
        List<Instant> ticks = ticks("30 2 * * *", BERLIN, utc("2030-10-26T12:00:00"), 2);
        assertEquals(List.of(utc("2030-10-27T00:30:00"), // 02:30 CEST, the first occurrence
                utc("2030-10-28T01:30:00")), ticks); // next day 02:30 CET
    }

    @Test
    void anIntervalFiresInBothOccurrencesOfTheRepeatedHour() {
        List<Instant> ticks = ticks("0,30 * * * *", BERLIN, utc("2030-10-26T23:45:00"), 6);
        assertEquals(List.of(utc("2030-10-27T00:00:00"), utc("2030-10-27T00:30:00"), // 02:00, 02:30 CEST
                utc("2030-10-27T01:00:00"), utc("2030-10-27T01:30:00"), // 02:00, 02:30 CET
                utc("2030-10-27T02:00:00"), utc("2030-10-27T02:30:00")), ticks);
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(Duration.ofMinutes(30), Duration.between(ticks.get(i - 1), ticks.get(i)));
        }
    }

    @Test
    void newYorkSpringForwardAndFallBack() {
        // 2030-03-10 02:00 EST -> 03:00 EDT; 2030-11-03 02:00 EDT -> 01:00 EST
        assertEquals(utc("2030-03-10T07:15:00"), // 02:15 shifted to 03:15 EDT
                CronExpression.parse("15 2 * * *").next(utc("2030-03-10T00:00:00"), NEW_YORK));
        assertEquals(utc("2030-11-03T05:30:00"), // 01:30 EDT, the first of two
                CronExpression.parse("30 1 * * *").next(utc("2030-11-03T00:00:00"), NEW_YORK));
        assertEquals(utc("2030-11-04T06:30:00"), // and not again at 01:30 EST the same night
                CronExpression.parse("30 1 * * *").next(utc("2030-11-03T05:30:00"), NEW_YORK));
    }

    @Test
    void ticksAreStrictlyIncreasingAcrossAYearOfTransitions() {
        CronExpression cron = CronExpression.parse("*/20 * * * *");
        Instant at = utc("2030-01-01T00:00:00");
        Instant end = utc("2031-01-01T00:00:00");
        int n = 0;
        while (at.isBefore(end)) {
            Instant next = cron.next(at, BERLIN);
            assertTrue(next.isAfter(at));
            assertEquals(Duration.ofMinutes(20), Duration.between(at, next), "at " + at);
            at = next;
            n++;
        }
        assertEquals(365 * 24 * 3, n);
    }

    @Test
    void aSixFieldExpressionTicksEveryTwoSecondsThroughTheAutumnOverlap() {
        CronExpression cron = CronExpression.parse("*/2 * * * * *");
        // Berlin goes back from 03:00 CEST to 02:00 CET at 01:00 UTC
        Instant at = utc("2030-10-27T00:55:00");
        Instant end = utc("2030-10-27T01:05:00");
        int n = 0;
        while (at.isBefore(end)) {
            Instant next = cron.next(at, BERLIN);
            assertEquals(Duration.ofSeconds(2), Duration.between(at, next), "at " + at);
            at = next;
            n++;
        }
        assertEquals(300, n, "every two seconds through the change back to 02:00");
        assertEquals(utc("2030-03-31T01:00:00"), cron.next(utc("2030-03-31T00:59:59"), BERLIN), "through the gap");
    }

    @Test
    void aFiveFieldExpressionIsTheSixFieldOneAtSecondZero() {
        Instant at = utc("2030-01-01T00:00:00");
        for (int i = 0; i < 100; i++) {
            Instant five = CronExpression.parse("*/7 * * * *").next(at, BERLIN);
            assertEquals(CronExpression.parse("0 */7 * * * *").next(at, BERLIN), five);
            at = five;
        }
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // the 1st of the month or any Monday
        List<Instant> ticks = ticks("0 0 1 * MON", UTC, utc("2030-01-01T00:00:00"), 3);
        assertEquals(List.of(utc("2030-01-07T00:00:00"), utc("2030-01-14T00:00:00"), utc("2030-01-21T00:00:00")), ticks);
        assertEquals(utc("2030-02-01T00:00:00"), CronExpression.parse("0 0 1 * MON").next(utc("2030-01-28T00:00:00"), UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "* * * *", "* * * * * * *", "60 * * * * *", "*/0 * * * * *", "a * * * * *",
            "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *",
            "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "* * * FOO *", "* * * * FUNDAY",
            "1,,2 * * * *", "@reboot", "@every 5m", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "-1 * * * *", "1-2-3 * * * *",
            "*/99999 * * * *"})
    void anExpressionThatDoesNotParseNamesCron(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CronExpression.parse(text));
        assertEquals("cron", e.field());
    }

    @Test
    void nullAndOverlongExpressionsNameCron() {
        assertEquals("cron", assertThrows(InvalidInputException.class, () -> CronExpression.parse(null)).field());
        assertEquals("cron", assertThrows(InvalidInputException.class,
                () -> CronExpression.parse("1,".repeat(150) + "1 * * * *")).field());
    }

    @Test
    void theTextIsKeptAndComparedAsWritten() {
        assertEquals("*/5 * * * *", CronExpression.parse(" */5 * * * * ").text());
        assertEquals(CronExpression.parse("0 0 * * *"), CronExpression.parse("0 0 * * *"));
    }
}
