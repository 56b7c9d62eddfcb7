package dev.jclaw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of the conversation sent to the model. The system prompt is not a message: it travels in
 * {@link ModelRequest#systemPrompt()}, first and unchanged for the whole conversation; a {@link SystemNote} is a
 * system-role message at its place in the conversation.
 */
public sealed interface ChatMessage {

    /**
     * What the user said, with the images they sent.
     *
     * @param text the text
     * @param images the images, in the order sent; at most {@value ImageInput#MAX_PER_MESSAGE}
     */
    record User(String text, List<ImageInput> images) implements ChatMessage {
        /**
         * Checks and copies the fields.
         *
         * @throws IllegalArgumentException when there are more than {@value ImageInput#MAX_PER_MESSAGE} images
         */
        public User {
            Objects.requireNonNull(text, "text");
            images = ImageInput.copyOf(images);
        }

        /**
         * A message without images.
         *
         * @param text the text
         */
        public User(String text) {
            this(text, List.of());
        }
    }

    /**
     * A system-role message at its place in the conversation, such as the {@code <turn_context>} message the loop
     * puts right before the user's message. Adapters send it in place, with the system role.
     *
     * @param text the text
     */
    record SystemNote(String text) implements ChatMessage {
        /** Checks the text. */
        public SystemNote {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What the model answered: text, tool calls, or both.
     *
     * @param text the answer text, may be empty
     * @param toolCalls the tool calls, may be empty
     */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        /** Checks and copies the fields. */
        public Assistant {
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * The result of one tool call, answering the assistant message that made it.
     *
     * @param callId the call's id
     * @param name the tool's name
     * @param content what the model reads
     */
    record ToolResult(String callId, String name, String content) implements ChatMessage {
        /** Checks the fields. */
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }
}
