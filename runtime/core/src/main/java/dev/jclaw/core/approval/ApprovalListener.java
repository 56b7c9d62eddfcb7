package dev.jclaw.core.approval;

/**
 * Hears every {@link ApprovalEvent} of an {@link Approvals} broker, synchronously on the thread that caused it (a
 * turn's, or the one answering). Keep it quick; an exception it throws is logged and does not stop the others.
 */
@FunctionalInterface
public interface ApprovalListener {

    /**
     * Receives one event.
     *
     * @param event the event
     */
    void on(ApprovalEvent event);
}
