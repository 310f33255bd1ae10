package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The baseline methods a program may name, each with its defaults, which a program may override by parameter. Every
 * method here is version 1; a change that could move a figure adds a version instead of editing one.
 */
public final class Methods {

    public static final String HIGH_4_OF_5 = "HIGH_4_OF_5";
    public static final String TEN_OF_TEN = "TEN_OF_TEN";
    public static final String MIDDLE_8_OF_10 = "MIDDLE_8_OF_10";
    public static final String HIGHEST_5_OF_10 = "HIGHEST_5_OF_10";

    public static final List<String> NAMES = List.of(MeterBefore.NAME, FirmServiceLevel.NAME, ComparisonDay.NAME,
            HIGH_4_OF_5, TEN_OF_TEN, MIDDLE_8_OF_10, HIGHEST_5_OF_10);

    private static final BigDecimal LOWEST = new BigDecimal("0.8");
    private static final BigDecimal HIGHEST = new BigDecimal("1.2");

    private Methods() {
    }

    /**
     * The method {@code name} with {@code parameters} overriding its defaults.
     *
     * @throws IllegalArgumentException for an unknown method, an unknown parameter or a value out of range, saying
     *         which
     */
    public static BaselineMethod named(String name, Map<String, String> parameters) {
        Parameters given = new Parameters(name, parameters);
        BaselineMethod method = switch (name) {
            case MeterBefore.NAME -> new MeterBefore(1, given.duration("window", Duration.ofHours(1)));
            case FirmServiceLevel.NAME -> new FirmServiceLevel(1, given.required("reference-kw", BigDecimal::new),
                    given.required("level-kw", BigDecimal::new));
            case ComparisonDay.NAME -> new ComparisonDay(1, given.required("day", LocalDate::parse));
            case HIGH_4_OF_5 -> new LikeDayMethod(name, 1, given.integer("lookback-days", 45),
                    given.decimal("low-usage-fraction", new BigDecimal("0.25")), LikeDayPool.highest(4, 5),
                    LikeDayPool.highest(2, 3), Adjustment.additive(Duration.ofHours(4), Duration.ofHours(3)));
            case TEN_OF_TEN -> new LikeDayMethod(name, 1, given.integer("lookback-days", 45),
                    given.decimal("low-usage-fraction", null), LikeDayPool.all(10), LikeDayPool.all(4),
                    Adjustment.multiplicative(Duration.ofHours(4), Duration.ofHours(3),
                            given.decimal("adjustment-lowest", LOWEST), given.decimal("adjustment-highest", HIGHEST)));
            case MIDDLE_8_OF_10 -> new LikeDayMethod(name, 1, given.integer("lookback-days", 45),
                    given.decimal("low-usage-fraction", null), LikeDayPool.middle(10), LikeDayPool.middle(10),
                    Adjustment.multiplicative(Duration.ofHours(2), Duration.ofHours(2),
                            given.decimal("adjustment-lowest", null), given.decimal("adjustment-highest", null)));
            case HIGHEST_5_OF_10 -> new LikeDayMethod(name, 1, given.integer("lookback-days", 30),
                    given.decimal("low-usage-fraction", null), LikeDayPool.highest(5, 10), LikeDayPool.highest(2, 3),
                    Adjustment.multiplicative(Duration.ofHours(4), Duration.ofHours(2),
                            given.decimal("adjustment-lowest", LOWEST), given.decimal("adjustment-highest", HIGHEST)));
            default -> throw new IllegalArgumentException("unknown baseline method " + name + "; known: " + NAMES);
        };
        given.requireAllUsed();
        return method;
    }

    /** A program's parameter strings, parsed on demand; any left unread is an error. */
    private static final class Parameters {

        private final String method;
        private final Map<String, String> unread;

        Parameters(String method, Map<String, String> given) {
            this.method = method;
            this.unread = new HashMap<>(given);
        }

        Duration duration(String key, Duration fallback) {
            return optional(key, Duration::parse, fallback);
        }

        int integer(String key, int fallback) {
            return optional(key, Integer::valueOf, fallback);
        }

        BigDecimal decimal(String key, BigDecimal fallback) {
            return optional(key, BigDecimal::new, fallback);
        }

        <T> T required(String key, Function<String, T> parser) {
            T value = optional(key, parser, null);
            if (value == null) {
                throw new IllegalArgumentException(method + " needs the parameter " + key);
            }
            return value;
        }

        private <T> T optional(String key, Function<String, T> parser, T fallback) {
            String value = unread.remove(key);
            if (value == null) {
                return fallback;
            }
            try {
                return parser.apply(value.strip());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(method + " parameter " + key + " is not valid: " + value, e);
            }
        }

        void requireAllUsed() {
            if (!unread.isEmpty()) {
                throw new IllegalArgumentException(
                        method + " has no parameter " + String.join(", ", unread.keySet().stream().sorted().toList()));
            }
        }
    }
}
