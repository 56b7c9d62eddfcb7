package dev.jclaw.core.approval;

/**
 * Asks a person whether a tool call may run: the terminal's y/n prompt, a button in the web chat, a card in Feishu.
 */
@FunctionalInterface
public interface Approver {

    /** Says no to everything: for channels where nobody can be asked (e.g. {@code jclaw run} without {@code --yes}). */
    Approver DENY_ALL = request -> false;

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
