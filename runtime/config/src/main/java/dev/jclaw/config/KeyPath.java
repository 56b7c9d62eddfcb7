package dev.jclaw.config;

import dev.jclaw.api.json.Json;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a value sits in the configuration, written as in messages: {@code server.port},
 * {@code plugins.config["com.example.clock"]}, {@code list[0]}.
 *
 * @param text the rendered path; empty for the top level
 * @param name the last member name on the path (array indexes keep their member's name); empty at the top
 */
record KeyPath(String text, String name) {
    static final KeyPath ROOT = new KeyPath("", "");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");
    private static final String[] SECRET_WORDS = {"token", "password", "secret", "apikey"};

    static KeyPath of(String... names) {
        KeyPath path = ROOT;
        for (String name : names) {
            path = path.child(name);
        }
        return path;
    }

    KeyPath child(String member) {
        String segment = PLAIN.matcher(member).matches() ? member : "[" + Json.quote(member) + "]";
        String joined = text.isEmpty() || segment.startsWith("[") ? text + segment : text + "." + segment;
        return new KeyPath(joined, member);
    }

    KeyPath index(int i) {
        return new KeyPath(text + "[" + i + "]", name);
    }

    /** Whether values here must not appear in messages: names with token, password, secret or api-key in them. */
    boolean isSecret() {
        String normalized = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (String word : SECRET_WORDS) {
            if (normalized.contains(word)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
