package dev.jclaw.plugins.shell;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plugin's configuration, {@code plugins.config.tools-shell} in jclaw.json:
 *
 * <pre>{@code
 * "tools-shell": {
 *   "allow-env": ["GITHUB_TOKEN"],     // names kept in the command's environment although they look secret
 *   "timeout-seconds-max": 600,        // the most a call may ask for in timeout_seconds
 *   "kill-grace-seconds": 3,           // between SIGTERM and SIGKILL; fractions allowed
 *   "output-chars": 30000              // characters kept of stdout, and as many of stderr
 * }
 * }</pre>
 *
 * @param allowEnv environment variable names passed to commands even when they look like secrets
 * @param timeoutMax the longest timeout a call may ask for
 * @param killGrace how long a command has to end after SIGTERM before it gets SIGKILL
 * @param outputChars how many characters of each of stdout and stderr are kept
 */
record ShellConfig(Set<String> allowEnv, Duration timeoutMax, Duration killGrace, int outputChars) {

    static final String SECTION = "plugins.config.tools-shell";
    static final long DEFAULT_TIMEOUT_MAX_SECONDS = 600;
    static final long MAX_TIMEOUT_MAX_SECONDS = 86_400;
    static final BigDecimal DEFAULT_KILL_GRACE_SECONDS = BigDecimal.valueOf(3);
    static final BigDecimal MAX_KILL_GRACE_SECONDS = BigDecimal.valueOf(60);
    static final int DEFAULT_OUTPUT_CHARS = 30_000;
    static final int MIN_OUTPUT_CHARS = 100;
    static final int MAX_OUTPUT_CHARS = 10_000_000;

    private static final List<String> KEYS = List.of("allow-env", "timeout-seconds-max", "kill-grace-seconds",
            "output-chars");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The configuration when the section is absent. */
    static final ShellConfig DEFAULTS = from(JsonObject.EMPTY);

    /** Checks and copies the fields. */
    ShellConfig {
        allowEnv = Set.copyOf(allowEnv);
        Objects.requireNonNull(timeoutMax, "timeoutMax");
        Objects.requireNonNull(killGrace, "killGrace");
    }

    /**
     * Reads and checks the configuration section.
     *
     * @param section {@code plugins.config.tools-shell}, empty when absent
     * @return the configuration
     * @throws IllegalArgumentException naming the key that is wrong, what it must be and what it was
     */
    static ShellConfig from(JsonObject section) {
        for (String key : section.members().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + SECTION + "; the keys are "
                        + String.join(", ", KEYS));
            }
        }
        long timeoutMax = integer(section, "timeout-seconds-max", DEFAULT_TIMEOUT_MAX_SECONDS, 1,
                MAX_TIMEOUT_MAX_SECONDS);
        BigDecimal grace = number(section, "kill-grace-seconds", DEFAULT_KILL_GRACE_SECONDS, MAX_KILL_GRACE_SECONDS);
        long outputChars = integer(section, "output-chars", DEFAULT_OUTPUT_CHARS, MIN_OUTPUT_CHARS,
                MAX_OUTPUT_CHARS);
        return new ShellConfig(allowEnv(section), Duration.ofSeconds(timeoutMax),
                Duration.ofMillis(grace.movePointRight(3).longValue()), (int) outputChars);
    }

    /** The timeout of a call that does not ask for one: two minutes, or the maximum when that is shorter. */
    Duration defaultTimeout() {
        Duration twoMinutes = Duration.ofSeconds(120);
        return timeoutMax.compareTo(twoMinutes) < 0 ? timeoutMax : twoMinutes;
    }

    private static Set<String> allowEnv(JsonObject section) {
        JsonValue value = section.members().getOrDefault("allow-env", JsonNull.INSTANCE);
        if (value instanceof JsonNull) {
            return Set.of();
        }
        String expected = SECTION + ".allow-env must be an array of environment variable names, "
                + "e.g. [\"GITHUB_TOKEN\"]";
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException(expected + ", got " + value.typeName());
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString name)) {
                throw new IllegalArgumentException(expected + ", but element " + i + " is " + array.get(i).typeName());
            }
            if (!ENV_NAME.matcher(name.value()).matches()) {
                throw new IllegalArgumentException(expected + ", but element " + i + " is '" + name.value()
                        + "' (letters, digits and '_', not starting with a digit)");
            }
            names.add(name.value());
        }
        return names;
    }

    private static long integer(JsonObject section, String key, long fallback, long min, long max) {
        JsonValue value = section.members().getOrDefault(key, JsonNull.INSTANCE);
        if (value instanceof JsonNull) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number) || !number.isLong()
                || number.value().longValue() < min || number.value().longValue() > max) {
            throw new IllegalArgumentException(SECTION + "." + key + " must be an integer from " + min + " to " + max
                    + ", got " + shown(value));
        }
        return number.value().longValueExact();
    }

    private static BigDecimal number(JsonObject section, String key, BigDecimal fallback, BigDecimal max) {
        JsonValue value = section.members().getOrDefault(key, JsonNull.INSTANCE);
        if (value instanceof JsonNull) {
            return fallback;
        }
        if (!(value instanceof JsonNumber number)
                || number.value().signum() < 0 || number.value().compareTo(max) > 0) {
            throw new IllegalArgumentException(SECTION + "." + key + " must be a number of seconds from 0 to "
                    + max + ", e.g. 3 or 0.5, got " + shown(value));
        }
        return number.value();
    }

    private static String shown(JsonValue value) {
        return switch (value) {
            case JsonNumber n -> n.value().toPlainString();
            case JsonString s -> "the string " + s.toJson();
            default -> value.typeName();
        };
    }
}
