package dev.jclaw.server.auth;

/**
 * Why a request's credentials were refused, for the 401 answer. No reason tells whether a user of some name exists:
 * a token of a removed user is {@link #UNKNOWN}, and {@link #DISABLED} is only said to a holder of a valid token.
 */
public enum AuthFailure {
    /** No {@code Authorization} header. */
    MISSING("send 'Authorization: Bearer <token>' with a session token from POST /api/auth/login or an API key"),
    /** A header that is not {@code Bearer} and one token of printable characters. */
    MALFORMED("the Authorization header must be 'Bearer <token>', one token of printable ASCII characters"),
    /** A token nobody issued, or whose user is gone. */
    UNKNOWN("the token is not valid; log in again or use a current API key"),
    /** A session token past its expiry. */
    EXPIRED("the session has expired; log in again"),
    /** A revoked session token or API key. */
    REVOKED("the token was revoked; log in again or use a current API key"),
    /** A valid token of a disabled user. */
    DISABLED("this user is disabled; ask an administrator");

    private final String message;

    AuthFailure(String message) {
        this.message = message;
    }

    /** @return the sentence for the 401 answer */
    public String message() {
        return message;
    }
}
