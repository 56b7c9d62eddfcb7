package dev.jclaw.model.openai;

import dev.jclaw.config.ModelsConfig.ContextNote;
import dev.jclaw.core.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the turn's context note ({@link ChatMessage.SystemNote}) as a provider wants it. With
 * {@link ContextNote#SYSTEM} the messages go out as they are: the note is a system message after the conversation.
 * With {@link ContextNote#USER} each note becomes a block at the end of the newest user message before it (the
 * first user message after it when there is none before), separated by a blank line, so no system message follows
 * the first.
 *
 * <p>Prefix caching: the note still sits after everything earlier turns sent, so the system prompt, the tools and
 * every earlier turn keep their bytes and stay cached. Within a turn every step repeats the previous step's request
 * (the note sits inside the turn's user message, which every step sends alike). What a user placement costs: in the
 * next turn the previous turn's user message goes out without its note, so the steps of that one turn after its
 * user message are read again once. The system placement re-reads only the note.
 */
final class NotePlacement {
    /** Between the user's text and the note. */
    static final String SEPARATOR = "\n\n";

    private NotePlacement() {
    }

    static List<ChatMessage> place(List<ChatMessage> messages, ContextNote placement) {
        if (placement == ContextNote.SYSTEM || messages.stream().noneMatch(ChatMessage.SystemNote.class::isInstance)) {
            return messages;
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        List<String> waiting = new ArrayList<>(); // notes before the first user message
        int lastUser = -1;
        for (ChatMessage message : messages) {
            switch (message) {
                case ChatMessage.SystemNote note -> {
                    if (lastUser < 0) {
                        waiting.add(note.text());
                    } else {
                        ChatMessage.User user = (ChatMessage.User) out.get(lastUser);
                        out.set(lastUser, new ChatMessage.User(user.text() + SEPARATOR + note.text(),
                                user.images()));
                    }
                }
                case ChatMessage.User user -> {
                    lastUser = out.size();
                    String text = user.text();
                    for (String note : waiting) {
                        text = text + SEPARATOR + note;
                    }
                    waiting.clear();
                    out.add(new ChatMessage.User(text, user.images()));
                }
                default -> out.add(message);
            }
        }
        // no user message at all: the notes go out as one, as a user message
        if (!waiting.isEmpty()) {
            out.add(new ChatMessage.User(String.join(SEPARATOR, waiting)));
        }
        return out;
    }
}
