package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.core.event.AgentEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The agent as {@code jclaw run} and {@code jclaw chat} reach it: in this process ({@link InProcessAgent}, over the
 * agent gateway) or in a server ({@link ServerClient}, over its conversation routes, which use the same gateway).
 * Either way a conversation name is the terminal's address {@code cli:<name>} in the caller's space — the gateway's
 * {@code user:admin/cli/<name>} for the person at this machine — and a turn's events are the core's, so that
 * {@link TerminalAgent} shows the same thing wherever the turn ran.
 */
interface AgentLink extends AutoCloseable {

    /** Why the agent could not be reached or refused a request, in one sentence for the user. */
    class LinkException extends Exception {
        private static final long serialVersionUID = 1L;

        LinkException(String message) {
            super(message);
        }
    }

    /**
     * A message for the model.
     *
     * @param text the message
     * @param model the model, empty for the conversation's own
     * @param fresh whether to start a new conversation first when the current one has messages
     */
    record Message(String text, String model, boolean fresh) {
    }

    /**
     * Runs a line as a slash command when it is one.
     *
     * @param conversation the conversation's name
     * @param model the model the command sees as the conversation's, empty for its own
     * @param line the line as typed
     * @return what the command answered, or empty when the line is a message for the model
     */
    Optional<GatewayConversation.CommandReply> command(String conversation, String model, String line)
            throws LinkException, InterruptedException;

    /**
     * Sends a message and tells each of the turn's events as it comes; returns when the turn has ended.
     *
     * @param conversation the conversation's name
     * @param message the message
     * @param events told each event, in order; the listener may block only briefly
     * @return the event that ended the turn: Done, or Failed (reason {@code aborted} when it was stopped)
     */
    AgentEvent send(String conversation, Message message, Consumer<AgentEvent> events)
            throws LinkException, InterruptedException;

    /**
     * Stops the conversation's running turn.
     *
     * @param conversation the conversation's name
     * @return whether one ran
     */
    boolean stop(String conversation) throws LinkException, InterruptedException;

    /**
     * Answers a tool call that waits for approval.
     *
     * @param approvalId the id of its {@link AgentEvent.ApprovalRequested}
     * @param approve yes or no
     */
    void answer(String approvalId, boolean approve) throws LinkException, InterruptedException;

    /**
     * Answers an approval for a terminal: a refusal is said on {@code err} in one line; an interrupt is kept.
     *
     * @param approvalId the approval's id
     * @param approve yes or no
     * @param err where the refusal is said
     */
    default void answerOrSay(String approvalId, boolean approve, java.io.PrintStream err) {
        try {
            answer(approvalId, approve);
        } catch (LinkException e) {
            err.println("jclaw: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Says where the turns run, as the chat's banner puts it after the session.
     *
     * @return {@code , workspace DIR} on this machine, {@code  on the server at URL} for another server
     */
    String where();

    @Override
    void close();

    /**
     * Says why an answer was not taken, as every link words it.
     *
     * @param approvalId the approval
     * @param answer what became of the answer
     * @return the sentence, or empty when it was taken
     */
    static Optional<String> problem(String approvalId, ApprovalAnswer answer) {
        return Optional.ofNullable(switch (answer) {
            case ACCEPTED -> null;
            case NOT_FOUND -> "no approval " + approvalId + " is waiting; the turn may have ended";
            case FORBIDDEN -> "only the user who started the turn, or an admin, may answer its approvals";
            case EXPIRED -> "the approval's deadline passed; the call was refused";
        });
    }
}
