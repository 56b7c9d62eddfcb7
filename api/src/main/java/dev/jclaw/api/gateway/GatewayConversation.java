package dev.jclaw.api.gateway;

import dev.jclaw.api.command.CommandResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One conversation address of one principal, opened through {@link AgentGateway#open}: send messages, steer and
 * stop the running turn, run slash commands. At most one turn runs at a time; later ones queue (a
 * {@link TurnEvent.Queued} says where), up to the configured queue length.
 *
 * @since 1.3
 */
public interface GatewayConversation {

    /**
     * Returns the address.
     *
     * @return the address
     */
    ConversationKey key();

    /**
     * Returns the principal the conversation acts for, with the tier of its turns.
     *
     * @return the principal the conversation acts for, with the tier of its turns
     */
    Principal principal();

    /**
     * Returns the conversation the next message goes to.
     *
     * @return the conversation the next message goes to
     */
    ConversationInfo current();

    /**
     * Sends a message: a turn starts (or queues) at once, on a virtual thread of its own.
     *
     * @param message the message
     * @param events told each event of the turn, in order, ending with Done, Failed or Aborted
     * @return the turn
     * @throws GatewayException BUSY when the conversation's queue is full
     */
    TurnHandle send(UserMessage message, Consumer<TurnEvent> events);

    /**
     * Adds a message to the running turn: the model sees it before its next step.
     *
     * @param text the message
     * @return whether a turn was running to take it
     */
    boolean steer(String text);

    /**
     * Stops the running turn and withdraws the queued ones.
     *
     * @return whether anything was running or queued
     */
    boolean stop();

    /**
     * Runs a line as a slash command when it is one, e.g. {@code /new}, {@code /model gpt-4.1}, {@code /usage}.
     *
     * @param line the line as typed
     * @return the command's reply, or empty when the line is not a command and goes to the model as a message
     */
    Optional<CommandReply> command(String line);

    /**
     * What a slash command answered.
     *
     * @param result its reply or failure
     * @param followUp a message to send into the conversation next (the text after {@code /new}), or empty
     */
    record CommandReply(CommandResult result, String followUp) {
        /** Checks the fields. */
        public CommandReply {
            java.util.Objects.requireNonNull(result, "result");
            java.util.Objects.requireNonNull(followUp, "followUp");
        }
    }

    /**
     * Switches to an earlier conversation of this address.
     *
     * @param id the conversation
     * @return it, now current
     * @throws GatewayException NOT_FOUND when it is not one of this principal's conversations at this address
     */
    ConversationInfo resume(ConversationId id);

    /**
     * Writes earlier messages into a conversation that has none yet: for a client that keeps the history itself
     * (an OpenAI API client without a session) and sends it with each request. User and assistant messages are
     * kept; others are skipped.
     *
     * @param earlier the messages before the one about to be sent, oldest first
     * @throws GatewayException INVALID when the conversation already has messages
     */
    void seed(List<HistoryItem> earlier);

    /**
     * Returns the current conversation's messages, oldest first.
     *
     * @return the current conversation's messages, oldest first
     */
    List<HistoryItem> history();
}
