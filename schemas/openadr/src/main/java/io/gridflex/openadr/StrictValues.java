package io.gridflex.openadr;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The simple values of our schema in their plain lexical forms, checked by hand: what a peer writes (no surrounding
 * whitespace, no plus sign, no exponent). A value outside that form is {@link OutsideFastPath}, even when the schema
 * would accept it, so the full parser decides; a value in that form is valid against the schema and binds to what
 * JAXB would bind it to ({@code StrictValuesTest} compares both).
 */
final class StrictValues {

    private StrictValues() {
    }

    /** {@code xcal:DateTimeType}: {@code yyyy-mm-ddThh:mm:ss[.f]Z}, a real date and time, year 1 or later. */
    static Instant dateTime(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            throw OutsideFastPath.INSTANCE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                throw OutsideFastPath.INSTANCE;
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 1 || hour > 23 || minute > 59 || second > 59) {
            throw OutsideFastPath.INSTANCE;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            throw OutsideFastPath.INSTANCE;
        }
    }

    /**
     * {@code xcal:DurationValueType}: {@code [+-]P} then weeks, or days with an optional time part, or a time part
     * ({@code T} with hours, minutes, seconds in that order, at least one). At most nine digits a number.
     */
    static Duration duration(String text) {
        int[] at = {0};
        boolean negative = false;
        if (at[0] < text.length() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            at[0]++;
        }
        expect(text, at, 'P');
        long seconds;
        if (at[0] < text.length() && text.charAt(at[0]) == 'T') {
            seconds = timePart(text, at);
        } else {
            long number = number(text, at);
            char unit = next(text, at);
            if (unit == 'W') {
                seconds = number * 7 * 86_400;
            } else if (unit == 'D') {
                seconds = number * 86_400 + (at[0] < text.length() ? timePart(text, at) : 0);
            } else {
                throw OutsideFastPath.INSTANCE;
            }
        }
        if (at[0] != text.length()) {
            throw OutsideFastPath.INSTANCE;
        }
        Duration duration = Duration.ofSeconds(seconds);
        return negative ? duration.negated() : duration;
    }

    /** {@code T} then {@code nH[nM][nS]}, {@code nM[nS]} or {@code nS}. */
    private static long timePart(String text, int[] at) {
        expect(text, at, 'T');
        long seconds = 0;
        int rank = 0; // H = 1, M = 2, S = 3: each unit at most once, in that order
        do {
            long number = number(text, at);
            int unit = switch (next(text, at)) {
                case 'H' -> 1;
                case 'M' -> 2;
                case 'S' -> 3;
                default -> throw OutsideFastPath.INSTANCE;
            };
            if (unit <= rank) {
                throw OutsideFastPath.INSTANCE;
            }
            rank = unit;
            seconds += number * (unit == 1 ? 3_600 : unit == 2 ? 60 : 1);
        } while (at[0] < text.length());
        return seconds;
    }

    /** {@code ei:ResponseCodeType}: three ASCII digits. */
    static boolean isResponseCode(String text) {
        return text != null && text.length() == 3 && isDigit(text.charAt(0)) && isDigit(text.charAt(1))
                && isDigit(text.charAt(2));
    }

    /** {@code xs:unsignedInt} as plain digits (at most nine). */
    static long unsignedInt(String text) {
        if (text.isEmpty() || text.length() > 9) {
            throw OutsideFastPath.INSTANCE;
        }
        return digits(text, 0, text.length());
    }

    /** {@code xs:float} as {@code -?digits[.digits]}, at most 15 digits on each side. */
    static float decimalFloat(String text) {
        checkDecimal(text, 15);
        return Float.parseFloat(text);
    }

    /** {@code xs:decimal} as {@code -?digits[.digits]}, at most 18 digits on each side. */
    static BigDecimal decimal(String text) {
        checkDecimal(text, 18);
        return new BigDecimal(text);
    }

    /** {@code xs:boolean} as {@code true} or {@code false}. */
    static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw OutsideFastPath.INSTANCE;
        };
    }

    /** {@code xs:ID} as an ASCII name without colon, dots or dashes first. */
    static String id(String text) {
        if (text.isEmpty() || !Character.isLetter(text.charAt(0)) && text.charAt(0) != '_') {
            throw OutsideFastPath.INSTANCE;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.')) {
                throw OutsideFastPath.INSTANCE;
            }
        }
        return text;
    }

    /**
     * {@code xs:anyURI} as a market context is written: {@code scheme://host[/path]}, the host dotted labels of letters,
     * digits and inner dashes, the path of letters, digits and {@code . _ ~ / -}.
     */
    static String marketContext(String text) {
        int i = 0;
        int length = text.length();
        while (i < length && isSchemeChar(text.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0 || !text.startsWith("://", i)) {
            throw OutsideFastPath.INSTANCE;
        }
        i += 3;
        int label = 0;
        char previous = '.';
        for (; i < length && text.charAt(i) != '/'; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (previous == '.' || previous == '-') {
                    throw OutsideFastPath.INSTANCE;
                }
                label = 0;
            } else if (isAlphanumeric(c) || c == '-' && label > 0) {
                if (++label > 63) {
                    throw OutsideFastPath.INSTANCE;
                }
            } else {
                throw OutsideFastPath.INSTANCE;
            }
            previous = c;
        }
        if (previous == '.' || previous == '-') {
            throw OutsideFastPath.INSTANCE;
        }
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (!(isAlphanumeric(c) || c == '.' || c == '_' || c == '~' || c == '/' || c == '-')) {
                throw OutsideFastPath.INSTANCE;
            }
        }
        return text;
    }

    /** An extension value of an open enumeration, {@code x-} and printable ASCII without spaces. */
    static boolean isExtensionToken(String text) {
        if (text.length() < 3 || !text.startsWith("x-")) {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            if (text.charAt(i) <= ' ' || text.charAt(i) > '~') {
                return false;
            }
        }
        return true;
    }

    private static void checkDecimal(String text, int maxDigits) {
        int i = text.startsWith("-") ? 1 : 0;
        int integer = 0;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
            integer++;
        }
        if (integer == 0 || integer > maxDigits) {
            throw OutsideFastPath.INSTANCE;
        }
        if (i == text.length()) {
            return;
        }
        if (text.charAt(i++) != '.') {
            throw OutsideFastPath.INSTANCE;
        }
        int fraction = 0;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
            fraction++;
        }
        if (fraction == 0 || fraction > maxDigits || i != text.length()) {
            throw OutsideFastPath.INSTANCE;
        }
    }

    private static long number(String text, int[] at) {
        int start = at[0];
        while (at[0] < text.length() && isDigit(text.charAt(at[0]))) {
            at[0]++;
        }
        if (at[0] == start || at[0] - start > 9) {
            throw OutsideFastPath.INSTANCE;
        }
        return digits(text, start, at[0]);
    }

    private static char next(String text, int[] at) {
        if (at[0] >= text.length()) {
            throw OutsideFastPath.INSTANCE;
        }
        return text.charAt(at[0]++);
    }

    private static void expect(String text, int[] at, char c) {
        if (next(text, at) != c) {
            throw OutsideFastPath.INSTANCE;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw OutsideFastPath.INSTANCE;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c);
    }

    private static boolean isSchemeChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && (isDigit(c) || c == '+' || c == '.'
                || c == '-');
    }
}
