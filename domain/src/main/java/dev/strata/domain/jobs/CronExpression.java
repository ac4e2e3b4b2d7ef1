package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Value object: a cron expression and its ticks in a time zone: five fields ({@code minute hour day-of-month month
 * day-of-week}, ticking at second 0) or six with seconds first ({@code second minute hour day-of-month month
 * day-of-week}, e.g. {@code *}{@code /2 * * * * *} every two seconds). Fields take {@code *}, numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code *}{@code /n},
 * {@code a-b/n} and {@code a/n}; months and days also take names ({@code JAN..DEC}, {@code SUN..SAT}); day-of-week 0
 * and 7 are Sunday; {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} are shorthands. As in classic
 * cron, when both day fields are restricted a day matches either of them.
 *
 * <p>Ticks are wall-clock times of the zone. A tick that falls into a daylight-saving gap fires once, shifted forward
 * by the length of the gap (02:30 becomes 03:30). A tick that falls into an overlap fires once, at its first
 * occurrence — unless the hour field is every hour, so that an interval ({@code *}{@code /15 * * * *}) keeps its
 * pace through the repeated hour.
 */
public final class CronExpression {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** The longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 200;
    /** How far ahead a tick is looked for: beyond the longest gap between two 29ths of February. */
    private static final int MAX_DAYS_AHEAD = 366 * 9;
    /** Added to an offset change when comparing candidates near it. */
    private static final Duration SLACK_MARGIN = Duration.ofMinutes(1);

    private final String text;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthStar;
    private final boolean dayOfWeekStar;

    private CronExpression(String text, String[] sixFields) {
        this.text = text;
        String[] fields = java.util.Arrays.copyOfRange(sixFields, 1, 6);
        this.seconds = field(sixFields[0], 0, 59, List.of(), "second");
        this.minutes = field(fields[0], 0, 59, List.of(), "minute");
        this.hours = field(fields[1], 0, 23, List.of(), "hour");
        this.daysOfMonth = field(fields[2], 1, 31, List.of(), "day-of-month");
        this.months = field(fields[3], 1, 12, MONTHS, "month");
        BitSet dow = field(fields[4], 0, 7, DAYS, "day-of-week");
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        this.daysOfWeek = dow;
        this.dayOfMonthStar = fields[2].startsWith("*");
        this.dayOfWeekStar = fields[4].startsWith("*");
    }

    /** Parses an expression; one that does not parse, or never fires, is an {@link InvalidInputException} naming {@code cron}. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw invalid("cron must be a five- or six-field cron expression");
        }
        String trimmed = text.trim();
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        if (expanded.startsWith("@")) {
            throw invalid("cron: unknown shorthand " + trimmed);
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw invalid("cron must have five fields (minute hour day-of-month month day-of-week) or six (second "
                    + "first), not " + fields.length);
        }
        if (fields.length == 5) {
            String[] withSecond = new String[6];
            withSecond[0] = "0";
            System.arraycopy(fields, 0, withSecond, 1, 5);
            fields = withSecond;
        }
        CronExpression cron = new CronExpression(trimmed, fields);
        if (!cron.firesAtAll()) {
            throw invalid("cron never fires (no such day): " + trimmed);
        }
        return cron;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /**
     * The first tick strictly after {@code after}, reading the fields as wall-clock times in {@code zone}.
     */
    public Instant next(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        boolean everyHour = hours.cardinality() == 24;
        // from the day before: in an overlap the local date of "after" may repeat ticks of the day before
        LocalDate date = LocalDate.ofInstant(after, zone).minusDays(1);
        for (int day = 0; day < MAX_DAYS_AHEAD; day++, date = date.plusDays(1)) {
            if (!matches(date)) {
                continue;
            }
            Instant best = null;
            LocalDateTime bestLocal = null;
            // Candidates come in wall-clock order. Without an offset change near the day, that is instant order:
            // the first one after "after" is the tick. Near a change, a candidate up to the change's length before
            // "after" (or after the best so far) may still map to an earlier instant, so those are compared too.
            Duration slack = shiftNear(rules, date);
            LocalDateTime from = LocalDateTime.ofInstant(after, zone).minus(slack);
            ticks:
            for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                if (date.atTime(hour, 59, 59).isBefore(from)) {
                    continue;
                }
                for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                    if (date.atTime(hour, minute, 59).isBefore(from)) {
                        continue;
                    }
                    for (int second = seconds.nextSetBit(0); second >= 0; second = seconds.nextSetBit(second + 1)) {
                        LocalDateTime local = date.atTime(hour, minute, second);
                        if (local.isBefore(from)) {
                            continue;
                        }
                        if (bestLocal != null && local.isAfter(bestLocal.plus(slack))) {
                            break ticks;
                        }
                        Instant found = candidate(rules, local, everyHour, best, after);
                        if (found != null && !found.equals(best)) {
                            best = found;
                            bestLocal = local;
                        }
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new IllegalStateException("cron " + text + " has no tick within " + MAX_DAYS_AHEAD + " days");
    }

    /** How far the zone's offset changes within two days of {@code date} (plus a margin); zero when it does not. */
    private static Duration shiftNear(ZoneRules rules, LocalDate date) {
        Instant start = date.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = start.plus(Duration.ofDays(5));
        Duration shift = Duration.ZERO;
        for (ZoneOffsetTransition next = rules.nextTransition(start); next != null && next.getInstant().isBefore(end);
             next = rules.nextTransition(next.getInstant())) {
            shift = shift.plus(next.getDuration().abs()).plus(SLACK_MARGIN);
        }
        return shift;
    }

    /** The earliest of {@code best} and the instants of {@code local} after {@code after} (gaps and overlaps as documented). */
    private static Instant candidate(ZoneRules rules, LocalDateTime local, boolean everyHour, Instant best,
                                     Instant after) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return earliestAfter(best, local.toInstant(offsets.get(0)), after);
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (offsets.isEmpty()) {
            return earliestAfter(best, local.plus(transition.getDuration()).toInstant(transition.getOffsetAfter()),
                    after);
        }
        Instant first = earliestAfter(best, local.toInstant(transition.getOffsetBefore()), after);
        return everyHour ? earliestAfter(first, local.toInstant(transition.getOffsetAfter()), after) : first;
    }

    private static Instant earliestAfter(Instant best, Instant candidate, Instant after) {
        if (!candidate.isAfter(after)) {
            return best;
        }
        return best == null || candidate.isBefore(best) ? candidate : best;
    }

    /** True when {@code date} is one of the expression's days. */
    public boolean matches(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (dayOfMonthStar || dayOfWeekStar) {
            return dom && dow;
        }
        return dom || dow;
    }

    private boolean firesAtAll() {
        // 28 years hold every combination of weekday, month length and leap year
        LocalDate date = LocalDate.of(2000, 1, 1);
        LocalDate end = date.plusYears(28);
        for (; date.isBefore(end); date = date.plusDays(1)) {
            if (matches(date)) {
                return true;
            }
        }
        return false;
    }

    private static BitSet field(String field, int min, int max, List<String> names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw invalid("cron " + what + ": empty list item in '" + field + "'");
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), what);
                if (step < 1 || step > max) {
                    throw invalid("cron " + what + ": step must be 1.." + max + " in '" + item + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    from = value(range.substring(0, dash), min, max, names, what);
                    to = value(range.substring(dash + 1), min, max, names, what);
                    if (from > to) {
                        throw invalid("cron " + what + ": range " + range + " runs backwards");
                    }
                } else {
                    from = value(range, min, max, names, what);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String text, int min, int max, List<String> names, String what) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int value = named >= 0 ? named + (min == 1 ? 1 : 0) : number(text, what);
        if (value < min || value > max) {
            throw invalid("cron " + what + ": " + text + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static int number(String text, String what) {
        if (text.isEmpty() || text.length() > 4) {
            throw invalid("cron " + what + ": '" + text + "' is not a number");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw invalid("cron " + what + ": '" + text + "' is not a number");
            }
        }
        return Integer.parseInt(text);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("jobs.invalid_cron", "cron", message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
