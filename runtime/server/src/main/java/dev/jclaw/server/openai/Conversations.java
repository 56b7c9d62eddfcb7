package dev.jclaw.server.openai;

import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.wire.openai.ChatRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which conversation an API request is a turn of, and what a request's own messages become. */
final class Conversations {
    private static final System.Logger LOG = System.getLogger(Conversations.class.getName());

    private Conversations() {
    }

    /**
     * The conversation a request names.
     *
     * @param key the named conversation, or empty for one made of the request's own messages
     */
    record Choice(Optional<ConversationKey> key) {
    }

    /**
     * Chooses the conversation: the session header, else the {@code user} field, else none.
     *
     * @param header the {@code X-JClaw-Session} header
     * @param user the request's {@code user} field, may be empty
     * @return the choice
     * @throws IllegalArgumentException when the name is not of the allowed form
     */
    static Choice choose(Optional<String> header, String user) {
        Optional<String> name = header.or(() -> Optional.of(user).filter(u -> !u.isEmpty()));
        return new Choice(name.map(n -> new ConversationKey("openai", n)));
    }

    /**
     * Returns a request's messages before its last as history: what a client that keeps its own history sends.
     *
     * @param request the request
     * @return the messages; the client's system and developer messages become user messages marked as such
     */
    static List<HistoryItem> earlier(ChatRequest request) {
        List<HistoryItem> items = new ArrayList<>();
        Instant now = Instant.now();
        List<ChatRequest.Message> messages = request.messages();
        for (ChatRequest.Message m : messages.subList(0, messages.size() - 1)) {
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> items.add(new HistoryItem(HistoryItem.Role.USER,
                        "[instructions from the API client]\n" + m.text(), "", 0, now));
                case USER -> items.add(new HistoryItem(HistoryItem.Role.USER, m.text(), "", m.images().size(), now));
                case ASSISTANT -> {
                    if (!m.text().isEmpty()) {
                        items.add(new HistoryItem(HistoryItem.Role.ASSISTANT, m.text(), "", 0, now));
                    }
                }
                case TOOL -> {
                    // the client's own tools' results: the agent never asked for them, so they carry no meaning here
                }
            }
        }
        return items;
    }

    /**
     * Makes the gateway's message of the request's last.
     *
     * @param text its text
     * @param images its images, as data: or http(s) URLs
     * @return the message
     */
    static UserMessage userMessage(String text, List<ChatRequest.Part.Image> images) {
        List<UserMessage.Image> converted = new ArrayList<>();
        for (ChatRequest.Part.Image image : images) {
            String url = image.url();
            if (url.startsWith("data:")) {
                int comma = url.indexOf(',');
                String mediaType = url.substring(5, url.indexOf(';'));
                converted.add(new UserMessage.Image(mediaType, url.substring(comma + 1), ""));
            } else {
                converted.add(new UserMessage.Image("", "", url));
            }
        }
        return new UserMessage(text, converted);
    }

    /**
     * Deletes a conversation that lived for one request.
     *
     * @param gateway the gateway
     * @param principal its owner
     * @param conversation the conversation
     */
    static void forget(AgentGateway gateway, Principal principal, GatewayConversation conversation) {
        try {
            conversation.stop();
            gateway.delete(principal, conversation.current().id());
        } catch (GatewayException e) {
            LOG.log(System.Logger.Level.WARNING, "a one-request conversation was not deleted: " + e.getMessage());
        }
    }
}
