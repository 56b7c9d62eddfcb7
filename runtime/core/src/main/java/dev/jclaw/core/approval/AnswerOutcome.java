package dev.jclaw.core.approval;

/** What became of an answer to a pending approval ({@link Approvals#answer}). */
public enum AnswerOutcome {
    /** The answer settled the approval; the waiting call runs or is refused accordingly. */
    ACCEPTED,
    /** No such approval is waiting: the id is unknown, or the approval was already settled (not told apart). */
    NOT_FOUND,
    /** The answerer is neither the user who started the turn nor an admin. */
    FORBIDDEN,
    /** The deadline passed before the answer; the call was refused. */
    EXPIRED
}
