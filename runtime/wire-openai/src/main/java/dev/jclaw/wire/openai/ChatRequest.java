package dev.jclaw.wire.openai;

import dev.jclaw.api.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A chat-completions request as {@link ChatRequestParser} read it: every field checked, unknown fields dropped.
 *
 * @param model the model asked for, not blank
 * @param messages the messages, at least one
 * @param stream whether the answer streams as chunks
 * @param includeUsage whether {@code stream_options.include_usage} asked for a usage chunk
 * @param maxTokens {@code max_completion_tokens} (or the older {@code max_tokens}), 0 when not given
 * @param sampling temperature and top_p, as given
 * @param user the {@code user} field, empty when not given
 * @param tools the tools the client offered (empty unless the parser accepts client tools)
 * @param promptCacheKey {@code prompt_cache_key}, a hint for providers with prompt caching; empty when not given
 */
public record ChatRequest(String model, List<Message> messages, boolean stream, boolean includeUsage, long maxTokens,
                          Sampling sampling, String user, List<ToolDefinition> tools, String promptCacheKey) {
    /** Checks and copies the fields. */
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(user, "user");
        tools = List.copyOf(tools);
        Objects.requireNonNull(promptCacheKey, "promptCacheKey");
    }

    /** @return the newest message with role user, when there is one */
    public Optional<Message> lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return Optional.of(messages.get(i));
            }
        }
        return Optional.empty();
    }

    /** The role of a message. */
    public enum Role {
        /** Instructions from the application. */
        SYSTEM,
        /** Instructions from the application, as newer OpenAI models name them. */
        DEVELOPER,
        /** What the user said. */
        USER,
        /** What the model answered. */
        ASSISTANT,
        /** The result of a tool call. */
        TOOL;

        /** @return the name on the wire, e.g. {@code user} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One message.
     *
     * @param role its role
     * @param content its content parts in order; a plain string arrives as one {@link Part.Text}
     * @param toolCalls an assistant's tool calls, empty otherwise
     * @param toolCallId a tool result's call id, empty otherwise
     * @param name the optional participant name, empty when not given
     */
    public record Message(Role role, List<Part> content, List<ToolCall> toolCalls, String toolCallId, String name) {
        /** Checks and copies the fields. */
        public Message {
            Objects.requireNonNull(role, "role");
            content = List.copyOf(content);
            toolCalls = List.copyOf(toolCalls);
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(name, "name");
        }

        /** @return the text of the text parts, joined by a line break where there are several */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Part part : content) {
                if (part instanceof Part.Text t) {
                    if (!out.isEmpty()) {
                        out.append('\n');
                    }
                    out.append(t.text());
                }
            }
            return out.toString();
        }

        /** @return the image parts, in order */
        public List<Part.Image> images() {
            return content.stream().filter(Part.Image.class::isInstance).map(Part.Image.class::cast).toList();
        }
    }

    /** A content part. */
    public sealed interface Part {
        /**
         * Text.
         *
         * @param text the text
         */
        record Text(String text) implements Part {
            /** Checks the text. */
            public Text {
                Objects.requireNonNull(text, "text");
            }
        }

        /**
         * An image, by URL: a {@code data:image/...;base64,...} URL or an {@code http(s)} URL.
         *
         * @param url the URL as sent
         * @param detail {@code auto}, {@code low} or {@code high}
         */
        record Image(String url, String detail) implements Part {
            /** Checks the fields. */
            public Image {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(detail, "detail");
            }

            /** @return whether the image travels inside the request as a {@code data:} URL */
            public boolean inline() {
                return url.startsWith("data:");
            }
        }
    }

    /**
     * A tool call an assistant message made earlier in the conversation.
     *
     * @param id the call id
     * @param name the function's name
     * @param arguments the arguments as JSON text, as sent
     */
    public record ToolCall(String id, String name, String arguments) {
        /** Checks the fields. */
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * A tool the client offered.
     *
     * @param name the function's name
     * @param description its description, may be empty
     * @param parameters its parameters' JSON Schema, empty when not given
     */
    public record ToolDefinition(String name, String description, JsonObject parameters) {
        /** Checks the fields. */
        public ToolDefinition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(parameters, "parameters");
        }
    }

    /**
     * The sampling settings, as given.
     *
     * @param temperature {@code temperature}, 0 to 2, when given
     * @param topP {@code top_p}, 0 to 1, when given
     */
    public record Sampling(OptionalDouble temperature, OptionalDouble topP) {
        /** Neither given. */
        public static final Sampling DEFAULT = new Sampling(OptionalDouble.empty(), OptionalDouble.empty());

        /** Checks the fields. */
        public Sampling {
            Objects.requireNonNull(temperature, "temperature");
            Objects.requireNonNull(topP, "topP");
        }
    }

    /** @return {@link #maxTokens()} when given */
    public OptionalLong maxTokensIfGiven() {
        return maxTokens > 0 ? OptionalLong.of(maxTokens) : OptionalLong.empty();
    }
}
