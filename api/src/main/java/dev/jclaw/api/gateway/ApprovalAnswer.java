package dev.jclaw.api.gateway;

/**
 * What became of an answer to an approval.
 *
 * @since 1.3
 */
public enum ApprovalAnswer {
    /** The answer was taken: the call runs, or is refused, as answered. */
    ACCEPTED,
    /** No such approval waits (unknown, already answered, or its turn ended). */
    NOT_FOUND,
    /** The answering principal is neither the user who started the turn nor an admin. */
    FORBIDDEN,
    /** The deadline had passed; the call was refused. */
    EXPIRED
}
