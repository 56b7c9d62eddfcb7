package dev.jclaw.core.approval;

/**
 * A blocking prompt that asks a person whether a tool call may run, such as the terminal's y/n question. It is one
 * client of the {@link Approvals} broker: the broker runs it on its own virtual thread and takes its answer as the
 * answer of the user who started the turn, while other channels may answer the same approval by its id first
 * (then the prompt's thread is interrupted).
 */
@FunctionalInterface
public interface Approver {

    /** Says no to everything: for channels where nobody can be asked (e.g. {@code jclaw run} without {@code --yes}). */
    Approver DENY_ALL = request -> false;

    /**
     * Asks nobody here: the call waits for an answer from a channel ({@link Approvals#answer}) until its deadline.
     * It blocks until interrupted; {@link Approvals#ask} does not even start it.
     */
    Approver NONE = request -> {
        new java.util.concurrent.CountDownLatch(1).await();
        return false;
    };

    /**
     * Asks and waits for the answer.
     *
     * @param request the call
     * @return whether it may run
     * @throws InterruptedException when the turn is aborted or times out while waiting
     */
    boolean approve(ApprovalRequest request) throws InterruptedException;

    /**
     * A call waiting for approval.
     *
     * @param sessionKey the conversation
     * @param callId the call's id
     * @param tool the tool name
     * @param arguments the arguments (JSON text)
     */
    record ApprovalRequest(String sessionKey, String callId, String tool, String arguments) {
    }
}
