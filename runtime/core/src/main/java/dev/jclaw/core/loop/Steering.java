package dev.jclaw.core.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * What a person sends into a running turn: {@code /steer} directions and {@code /btw} side questions. They wait here
 * until the loop's next step, which hands them to the model as one user message after the step's tool results, and
 * writes that message to the transcript; the model request in flight is not interrupted.
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES} messages and {@link #MAX_CHARS} characters wait at once; a longer single
 * message is refused, and past the bounds the oldest waiting messages are dropped, which the caller is told.
 *
 * <p>Thread-safety: safe for one writer (the channel) and the turn's thread at once.
 */
public final class Steering {
    /** How many messages may wait for the next step. */
    public static final int MAX_MESSAGES = 5;
    /** How many characters, all waiting messages together, may wait for the next step. */
    public static final int MAX_CHARS = 2_000;

    /** What kind of message a person sent. */
    public enum Kind {
        /** A direction that overrides earlier ones where they conflict ({@code /steer}). */
        STEER,
        /** A side question to answer briefly before going on ({@code /btw}). */
        ASIDE
    }

    /**
     * One waiting message.
     *
     * @param kind steer or aside
     * @param text what the person wrote
     */
    public record Message(Kind kind, String text) {
        /** Checks the fields. */
        public Message {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What became of an offered message.
     *
     * @param accepted whether it waits for the next step
     * @param dropped how many older messages were dropped to make room
     * @param message one sentence for the person
     */
    public record Offer(boolean accepted, int dropped, String message) {
    }

    private final Deque<Message> waiting = new ArrayDeque<>();
    private int chars;
    private boolean closed;

    /** Creates an empty queue, open for messages. */
    public Steering() {
    }

    /**
     * Offers a message for the running turn's next step.
     *
     * @param kind steer or aside
     * @param text what the person wrote
     * @return whether it was taken, and what was dropped for it
     */
    public synchronized Offer offer(Kind kind, String text) {
        String body = text.strip();
        if (body.isEmpty()) {
            return new Offer(false, 0, "nothing to send: write the text after the command");
        }
        if (body.length() > MAX_CHARS) {
            return new Offer(false, 0, "too long: " + body.length() + " characters, at most " + MAX_CHARS);
        }
        if (closed) {
            return new Offer(false, 0, "the turn has ended; send it as a message instead");
        }
        int dropped = 0;
        while (!waiting.isEmpty() && (waiting.size() >= MAX_MESSAGES || chars + body.length() > MAX_CHARS)) {
            chars -= waiting.removeFirst().text().length();
            dropped++;
        }
        waiting.addLast(new Message(kind, body));
        chars += body.length();
        String when = kind == Kind.STEER ? "it applies from the next step of the running turn"
                : "it is answered briefly at the next step of the running turn";
        return new Offer(true, dropped, "received; " + when
                + (dropped == 0 ? "" : " (" + dropped + " older waiting message" + (dropped == 1 ? " was" : "s were")
                + " dropped to make room)"));
    }

    /**
     * Takes the waiting messages, oldest first.
     *
     * @return them, possibly none
     */
    public synchronized List<Message> drain() {
        List<Message> taken = new ArrayList<>(waiting);
        waiting.clear();
        chars = 0;
        return taken;
    }

    /**
     * Refuses further messages (the turn ended) and returns those that never reached a step.
     *
     * @return the messages still waiting
     */
    public synchronized List<Message> close() {
        closed = true;
        return drain();
    }

    /**
     * Renders messages as the text of the user message the model reads: directions in {@code <user_steer>}, side
     * questions in {@code <user_sidebar>}, the person's words escaped so they cannot close or forge a tag.
     *
     * @param messages the messages, not empty
     * @return the text
     */
    public static String render(List<Message> messages) {
        StringBuilder steer = new StringBuilder();
        StringBuilder aside = new StringBuilder();
        for (Message m : messages) {
            (m.kind() == Kind.STEER ? steer : aside).append("- ").append(escape(m.text())).append('\n');
        }
        StringBuilder out = new StringBuilder();
        if (!steer.isEmpty()) {
            out.append("<user_steer>\nThe user sent these directions while you were working. They override earlier"
                    + " directions where they conflict; follow them from now on:\n").append(steer)
                    .append("</user_steer>");
        }
        if (!aside.isEmpty()) {
            out.append(out.isEmpty() ? "" : "\n").append("<user_sidebar>\n").append(aside)
                    .append("(Answer the side question(s) briefly, then go on with the task.)\n</user_sidebar>");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
