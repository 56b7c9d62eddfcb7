package dev.jclaw.api.gateway;

import java.util.List;

/**
 * The one door to the agent for every channel — the web chat, the OpenAI-compatible API, Feishu, MCP, the
 * terminal — whether a plugin or part of the server. Every call names the authenticated {@link Principal} it acts
 * for; a principal sees and touches only its own conversations and approvals (an admin sees everyone's). A plugin
 * obtains it with {@code context.services().find(AgentGateway.class)}.
 *
 * <p>Each conversation's tools work in a workspace the host chooses, never the caller: one per user for a user's
 * own conversations, one per team for a group conversation, confined as every workspace is.
 *
 * @since 1.3
 */
public interface AgentGateway {

    /**
     * Opens a conversation address for a principal, creating its first conversation on first use.
     *
     * @param principal who acts
     * @param key the address in the principal's space
     * @param options the model, a lower tier, a team
     * @return the conversation
     * @throws GatewayException INVALID for an unknown model or team name, UNAVAILABLE when the store fails
     */
    GatewayConversation open(Principal principal, ConversationKey key, OpenOptions options);

    /**
     * Lists a principal's conversations across its addresses, newest first.
     *
     * @param principal whose
     * @param limit at most this many, 1 to 1000
     * @return the conversations
     */
    List<ConversationInfo> conversations(Principal principal, int limit);

    /**
     * Lists one user's conversations, newest first: a principal's own, or, for an admin, anyone's.
     *
     * @param principal who asks: the owner or an admin
     * @param owner whose conversations
     * @param channel only those of this channel (e.g. {@code web}), or empty for every channel
     * @param limit at most this many, 1 to 1000
     * @return the conversations
     * @throws GatewayException FORBIDDEN when the principal is neither the owner nor an admin; INVALID for a limit
     *                          out of range or a malformed channel; UNAVAILABLE when the store fails
     */
    List<ConversationInfo> conversations(Principal principal, UserId owner, String channel, int limit);

    /**
     * Lists the conversations at one address of a user, newest first, without starting one: the address's current
     * conversation is marked {@link ConversationInfo#current()}, the others are earlier ones ({@code /new}).
     *
     * @param principal who asks: the owner or an admin
     * @param owner whose address
     * @param key the address in the owner's space
     * @return the conversations, empty when the address was never used or all its conversations were deleted
     * @throws GatewayException FORBIDDEN when the principal is neither the owner nor an admin; UNAVAILABLE when the
     *                          store fails
     */
    List<ConversationInfo> conversationsAt(Principal principal, UserId owner, ConversationKey key);

    /**
     * Reads a conversation's messages.
     *
     * @param principal who asks: its owner or an admin
     * @param id the conversation
     * @return the messages, oldest first
     * @throws GatewayException NOT_FOUND when there is no such conversation of the principal's
     */
    List<HistoryItem> history(Principal principal, ConversationId id);

    /**
     * Gives a conversation a title.
     *
     * @param principal who asks: its owner or an admin
     * @param id the conversation
     * @param title the title, 1 to 200 characters, no control characters
     * @return the conversation, renamed
     * @throws GatewayException NOT_FOUND or INVALID
     */
    ConversationInfo rename(Principal principal, ConversationId id, String title);

    /**
     * Deletes a conversation and its messages. A turn running in it is stopped first.
     *
     * @param principal who asks: its owner or an admin
     * @param id the conversation
     * @throws GatewayException NOT_FOUND when there is no such conversation of the principal's
     */
    void delete(Principal principal, ConversationId id);

    /**
     * Answers a tool call waiting for approval.
     *
     * @param principal who answers: the user who started the turn, or an admin
     * @param approvalId the approval's id, from {@link TurnEvent.ApprovalRequested}
     * @param approve yes or no
     * @param channel the channel the answer came through, for the audit log, e.g. {@code web}
     * @return what became of the answer
     */
    ApprovalAnswer answer(Principal principal, String approvalId, boolean approve, String channel);

    /**
     * Lists the approvals waiting for a principal's answer (an admin's list holds everyone's).
     *
     * @param principal who asks
     * @return the waiting approvals, oldest first
     */
    List<PendingApproval> pendingApprovals(Principal principal);

    /**
     * How a conversation address is opened.
     *
     * @param model the model name, empty for the configured default
     * @param tier the tier the channel asks for; the turn gets the lower of it and the principal's
     * @param team the team whose shared workspace the tools use, empty for the user's own
     */
    record OpenOptions(String model, Tier tier, String team) {
        /** Defaults: the configured model, the principal's own tier, the user's own workspace. */
        public static final OpenOptions DEFAULT = new OpenOptions("", Tier.YOLO, "");

        /** Checks the fields. */
        public OpenOptions {
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(tier, "tier");
            java.util.Objects.requireNonNull(team, "team");
        }
    }
}
