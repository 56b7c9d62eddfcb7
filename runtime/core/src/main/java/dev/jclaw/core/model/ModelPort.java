package dev.jclaw.core.model;


/**
 * A chat-completion model, streaming.
 *
 * <p>Blocking, on the caller's (virtual) thread. Interrupting that thread aborts the request promptly: the adapter
 * closes the stream and throws {@link InterruptedException}. The port does not retry; retry policy belongs to the
 * loop.
 */
public interface ModelPort {

    /**
     * Sends a request and streams the response.
     *
     * @param request the request
     * @param listener told of text and reasoning as they arrive
     * @return the assembled response
     * @throws ModelException classified, with a message fit for a user
     * @throws InterruptedException when the calling thread is interrupted (the turn was aborted)
     */
    ModelResponse stream(ModelRequest request, ModelListener listener) throws ModelException, InterruptedException;

    /**
     * Tells how to count tokens for a model, for budgets: exactly where the adapter knows the model's encoding, a
     * calibrated estimate otherwise. Never fails: a name the adapter does not know gets the estimate.
     *
     * @param model the model name as in {@link ModelRequest#model()}; empty for the default model
     * @return the counter, the same instance for the same encoding
     * @since 0.1
     */
    default TokenCounter tokenCounter(String model) {
        return EstimatedTokens.INSTANCE;
    }
}
