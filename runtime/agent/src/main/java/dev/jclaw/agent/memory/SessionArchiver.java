package dev.jclaw.agent.memory;

import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.task.TaskCategory;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.core.task.TaskOwner;
import dev.jclaw.core.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * L4: when a conversation is set aside ({@code /new}, {@code /reset}), its summary becomes an archive, found by
 * meaning in later conversations of the same namespace. It runs as a background task ({@code archive:<id>}), never
 * on the turn's path. The summary is written by the model when one is configured, and is a deterministic digest of
 * the head and tail otherwise, or when the model fails. Conversations with fewer than {@value #MIN_USER_MESSAGES}
 * user messages are not archived.
 */
public final class SessionArchiver {
    static final int MIN_USER_MESSAGES = 2;
    static final int HEAD = 500;
    static final int TAIL = 500;
    private static final System.Logger LOG = System.getLogger(SessionArchiver.class.getName());
    private static final String PROMPT = "Summarise this conversation for a memory archive in at most 8 sentences,"
            + " in its own language: what was asked, what was done and decided, what is still open. Keep names,"
            + " ids, paths, hosts, numbers and error codes exactly.";
    private final AgentMemory memory;
    private final TaskManager tasks;
    private final ModelPort model;
    private final Function<SessionHeader, String> modelOf;

    /**
     * Creates the archiver.
     *
     * @param memory the memory
     * @param tasks where the archiving runs
     * @param model the model port, for summaries
     * @param modelOf the model a conversation's summary is written by, empty when none is configured
     */
    public SessionArchiver(AgentMemory memory, TaskManager tasks, ModelPort model,
                           Function<SessionHeader, String> modelOf) {
        this.memory = memory;
        this.tasks = tasks;
        this.model = model;
        this.modelOf = modelOf;
    }

    /**
     * Archives a conversation that was set aside, in the background.
     *
     * @param previous the conversation
     * @param entries its entries, oldest first
     * @return whether a task was started (not for a conversation too short to archive)
     */
    public boolean archiveLater(SessionHeader previous, List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        int users = 0;
        for (Entry e : entries) {
            switch (e.body()) {
                case Entry.User u -> {
                    users++;
                    lines.add("user: " + u.text() + " [image]".repeat(u.images().size()));
                }
                case Entry.Assistant a when !a.text().isBlank() -> lines.add("assistant: " + a.text());
                default -> {
                }
            }
        }
        if (users < MIN_USER_MESSAGES) {
            return false;
        }
        SessionKey key = previous.key();
        tasks.submit(new TaskSpec("archive:" + previous.id().value(), TaskCategory.ARCHIVE, TaskOwner.of(key)),
                ctx -> {
                    String summary = summary(previous, String.join("\n", lines));
                    memory.service().archive(AgentMemory.namespace(key.value()), previous.id().value(), summary);
                });
        return true;
    }

    private String summary(SessionHeader conversation, String transcript) throws InterruptedException {
        String sessionId = conversation.id().value();
        String name = modelOf.apply(conversation);
        if (!name.isEmpty()) {
            try {
                String cut = transcript.length() > 60_000 ? digest(transcript, 30_000, 30_000) : transcript;
                String text = model.stream(new ModelRequest(name, PROMPT, List.of(new ChatMessage.User(cut)),
                        List.of(), 1_000, sessionId), new ModelListener() { }).text().strip();
                if (!text.isEmpty()) {
                    return text;
                }
            } catch (ModelException | MemoryException e) {
                LOG.log(System.Logger.Level.INFO, "the model could not summarise conversation " + sessionId
                        + " for its archive (" + e.getMessage() + "); keeping a digest instead");
            }
        }
        return digest(transcript, HEAD, TAIL);
    }

    /** @return the text, or its head and tail around an ellipsis when it is longer than both */
    static String digest(String text, int head, int tail) {
        if (text.length() <= head + tail + 10) {
            return text;
        }
        return text.substring(0, head) + "\n…\n" + text.substring(text.length() - tail);
    }
}
