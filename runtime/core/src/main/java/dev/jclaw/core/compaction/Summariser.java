package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.TokenCounter;
import java.util.List;
import java.util.Optional;

/**
 * Has the model summarise the written-out entries, chunk by chunk: each request carries the summary so far (an
 * earlier compaction's, then each chunk's), so the last answer covers the whole history. No tools are offered.
 */
final class Summariser {
    private final ModelPort model;
    private final TokenCounter counter;
    private final CompactionSettings settings;

    Summariser(ModelPort model, TokenCounter counter, CompactionSettings settings) {
        this.model = model;
        this.counter = counter;
        this.settings = settings;
    }

    /**
     * The summary, and how many requests it took.
     *
     * @param text the summary; empty when the model answered a request with no text
     * @param modelCalls the requests made
     */
    record Summary(String text, int modelCalls) {
    }

    /**
     * Summarises.
     *
     * @param modelName the model to ask
     * @param previous the summary of an earlier compaction, taken in first
     * @param texts the entries written out, oldest first
     * @param focus the cleaned focus text, empty for none
     * @return the summary; its text is empty when the model gave a blank answer (no further request is made then)
     * @throws ModelException when a request fails
     * @throws InterruptedException when the thread is interrupted
     */
    Summary summarise(String modelName, Optional<String> previous, List<String> texts, String focus)
            throws ModelException, InterruptedException {
        String system = SummaryPrompt.system(focus);
        List<String> chunks = Chunks.pack(texts, counter, settings.chunkTokens());
        Optional<String> running = previous.filter(s -> !s.isBlank());
        int calls = 0;
        for (int i = 0; i < chunks.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted before summarising part " + (i + 1));
            }
            String message = SummaryPrompt.request(running, chunks.get(i), i + 1, chunks.size());
            ModelRequest request = new ModelRequest(modelName, system, List.of(new ChatMessage.User(message)),
                    List.of(), settings.summaryMaxTokens(), "");
            ModelResponse response = model.stream(request, ModelListener.NONE);
            calls++;
            String text = response.text().strip();
            if (text.isEmpty()) {
                return new Summary("", calls);
            }
            running = Optional.of(text);
        }
        return new Summary(running.orElse(""), calls);
    }
}
