package dev.jclaw.agent;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The runtime line of a turn's {@code <turn_context>} message: the time, the model and the session. It changes
 * every turn, which is why it travels in the per-turn suffix and never in the system prompt.
 */
final class RuntimeLine {
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx (EEEE)", Locale.ROOT);

    private RuntimeLine() {
    }

    /**
     * Renders the line, e.g. {@code time: 2025-06-01 10:15 +02:00 (Sunday); model: gpt-4.1; session: 3f2a…}.
     *
     * @param clock the clock, with the zone to show the time in
     * @param model the model name, empty for the configured default
     * @param sessionId the current conversation's id
     * @return the line, on one line whatever the inputs hold
     */
    static String of(Clock clock, String model, String sessionId) {
        return ("time: " + TIME.format(ZonedDateTime.now(clock)) + "; model: " + (model.isBlank() ? "default" : model)
                + "; session: " + sessionId).transform(line -> LINE_BREAK.matcher(line).replaceAll(" "));
    }
}
