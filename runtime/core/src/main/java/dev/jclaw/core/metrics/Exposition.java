package dev.jclaw.core.metrics;

import java.util.regex.Pattern;

/** The rules of the Prometheus text exposition format 0.0.4 for names and escaping. */
final class Exposition {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Exposition() {
    }

    static String metricName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a metric name is letters, digits, '_' and ':', not starting with a"
                    + " digit; got '" + name + "'");
        }
        return name;
    }

    static String labelName(String name) {
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("a label name is letters, digits and '_', not starting with a digit"
                    + " or '__'; got '" + name + "'");
        }
        return name;
    }

    /** HELP text: backslash and line feed are escaped. */
    static String escapeHelp(String text) {
        return escape(text, false);
    }

    /** Label values: backslash, double quote and line feed are escaped. */
    static String escapeLabelValue(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean quotes) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '"' -> quotes ? "\\\"" : null;
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
