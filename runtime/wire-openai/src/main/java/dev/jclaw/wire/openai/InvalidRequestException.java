package dev.jclaw.wire.openai;

import java.util.Objects;

/**
 * A request a server refuses: what was wrong, at which field path, and the HTTP status to answer with (400, or 413
 * when a limit was passed). {@link #toErrorBody()} gives OpenAI's error shape for it.
 *
 * <pre>{@code
 * try {
 *     ChatRequest request = parser.parse(bodyBytes);
 * } catch (InvalidRequestException e) {
 *     respond(e.status(), e.toErrorBody().toJson());
 * }
 * }</pre>
 */
public final class InvalidRequestException extends Exception {
    private final int status;
    private final String param;
    private final String code;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status, 400 or 413
     * @param param the field path, e.g. {@code messages[3].role}; empty when the body as a whole is wrong
     * @param code a short machine-readable code, e.g. {@code invalid_value}; empty for none
     * @param message one sentence, starting with the field path when there is one
     */
    public InvalidRequestException(int status, String param, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.param = Objects.requireNonNull(param, "param");
        this.code = Objects.requireNonNull(code, "code");
    }

    static InvalidRequestException at(String param, String message) {
        return new InvalidRequestException(400, param, "invalid_value", param + ": " + message);
    }

    static InvalidRequestException tooLarge(String param, String message) {
        return new InvalidRequestException(413, param, "request_too_large", message);
    }

    /** @return the HTTP status to answer with: 400, or 413 when a size limit was passed */
    public int status() {
        return status;
    }

    /** @return the field path, e.g. {@code messages[3].role}; empty when the body as a whole is wrong */
    public String param() {
        return param;
    }

    /** @return the machine-readable code, e.g. {@code invalid_value}; empty for none */
    public String code() {
        return code;
    }

    /** @return the error in OpenAI's shape, type {@code invalid_request_error} */
    public ErrorBody toErrorBody() {
        return new ErrorBody(getMessage(), ErrorBody.INVALID_REQUEST, param, code);
    }
}
