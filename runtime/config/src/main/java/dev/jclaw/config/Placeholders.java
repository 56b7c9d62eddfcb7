package dev.jclaw.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code {env:NAME}} and {@code {env:NAME:-fallback}} in string values. The fallback is used when the
 * variable is unset or empty, as in a POSIX shell; without one, an unset variable is an error and an empty one
 * gives the empty string. Substituted text is not scanned again, and a fallback cannot contain {@code }}.
 */
final class Placeholders {

    /** The resolved text, and whether it had any placeholder. */
    record Resolved(String text, boolean substituted) {
    }

    static final String OPEN = "{env:";
    private static final String FALLBACK = ":-";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FORMS = "expected {env:NAME} or {env:NAME:-fallback}";

    private final Map<String, String> environment;

    Placeholders(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Resolves every placeholder in a string.
     *
     * @throws Violation naming the path and the variable when a placeholder is malformed or its variable unset
     */
    Resolved resolve(String text, KeyPath path) {
        int open = text.indexOf(OPEN);
        if (open < 0) {
            return new Resolved(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (open >= 0) {
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new Violation(path, "unterminated placeholder starting " + excerpt(text, open) + "; " + FORMS);
            }
            String body = text.substring(open + OPEN.length(), close);
            int split = body.indexOf(FALLBACK);
            String name = split < 0 ? body : body.substring(0, split);
            if (!NAME.matcher(name).matches()) {
                // the fallback may be a secret, so it is left out
                String shown = OPEN + name + (split < 0 ? "" : FALLBACK + "...") + "}";
                throw new Violation(path, "malformed placeholder " + shown + "; " + FORMS
                        + " with NAME made of letters, digits and _");
            }
            out.append(text, from, open).append(valueOf(name, split < 0 ? null : body.substring(split + 2), path));
            from = close + 1;
            open = text.indexOf(OPEN, from);
        }
        return new Resolved(out.append(text, from, text.length()).toString(), true);
    }

    private String valueOf(String name, String fallback, KeyPath path) {
        String value = environment.get(name);
        if (fallback != null && (value == null || value.isEmpty())) {
            return fallback;
        }
        if (value == null) {
            throw new Violation(path, "placeholder {env:" + name + "} refers to environment variable " + name
                    + ", which is not set; expected it to be set, or a fallback as in {env:" + name + ":-value}");
        }
        return value;
    }

    private static String excerpt(String text, int open) {
        int end = Math.min(text.length(), open + OPEN.length() + 20);
        return "\"" + text.substring(open, end) + (end < text.length() ? "..." : "") + "\"";
    }
}
