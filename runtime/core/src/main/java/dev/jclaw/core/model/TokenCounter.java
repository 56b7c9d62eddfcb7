package dev.jclaw.core.model;

/**
 * Counts the tokens a model would read for a text. Budgets are decided with it, so it should agree with the
 * provider's tokenizer: exactly where the encoding is known (a BPE table for OpenAI models), a calibrated estimate
 * otherwise.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
public interface TokenCounter {

    /**
     * Counts a text's tokens.
     *
     * @param text any text, empty included
     * @return the count, 0 for the empty text
     */
    int count(String text);

    /**
     * Names the encoding or the estimate, for {@code /context} and logs, e.g. {@code o200k_base}.
     *
     * @return the name
     */
    String name();
}
