package dev.jclaw.model.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.EstimatedTokens;
import dev.jclaw.core.model.TokenCounter;
import java.util.Locale;
import java.util.Objects;

/**
 * Exact token counts with one of OpenAI's byte-pair encodings, {@code o200k_base} or {@code cl100k_base} (the
 * tables ship inside jtokkit; nothing is downloaded).
 *
 * <p>Special tokens such as {@code <|endoftext|>} in the text are counted as the ordinary text they are: that is
 * what the API does with them in messages. Each encoding's table is loaded on first use (about 0.1 to 0.5 s) and then
 * shared; counting is thread-safe.
 *
 * <pre>{@code
 * TokenCounter counter = BpeTokens.forModel("gpt-4o-mini", ModelsConfig.Tokenizer.BY_MODEL_ID);  // o200k_base
 * int tokens = counter.count("Hello, world!");                                                  // 4
 * }</pre>
 */
public final class BpeTokens implements TokenCounter {

    /** {@code o200k_base}: gpt-4o, gpt-4.1, gpt-4.5, gpt-5, the o-series, gpt-oss. */
    public static final BpeTokens O200K_BASE = new BpeTokens(EncodingType.O200K_BASE);
    /** {@code cl100k_base}: gpt-4, gpt-3.5-turbo, the text-embedding-3 and ada-002 models. */
    public static final BpeTokens CL100K_BASE = new BpeTokens(EncodingType.CL100K_BASE);

    private static final String[] O200K_PREFIXES = {"gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "gpt-oss",
        "o1", "o3", "o4"};
    private static final String[] CL100K_PREFIXES = {"gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3",
        "text-embedding-ada-002"};

    private final EncodingType type;
    private volatile Encoding encoding;

    private BpeTokens(EncodingType type) {
        this.type = type;
    }

    /**
     * Chooses how to count a model's tokens: the configured tokenizer, else the encoding its id implies, else the
     * estimate.
     *
     * @param modelId the model id, possibly with a vendor path ({@code openai/gpt-4o} on OpenRouter)
     * @param configured the model's {@code tokenizer} setting
     * @return the counter
     */
    public static TokenCounter forModel(String modelId, ModelsConfig.Tokenizer configured) {
        return switch (Objects.requireNonNull(configured, "configured")) {
            case O200K_BASE -> O200K_BASE;
            case CL100K_BASE -> CL100K_BASE;
            case ESTIMATE -> EstimatedTokens.INSTANCE;
            case BY_MODEL_ID -> byModelId(modelId);
        };
    }

    /** The encoding an OpenAI model id implies; the estimate for any other id. */
    static TokenCounter byModelId(String modelId) {
        String id = modelId.substring(modelId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (matches(id, O200K_PREFIXES)) {
            return O200K_BASE;
        }
        if (matches(id, CL100K_PREFIXES)) {
            return CL100K_BASE;
        }
        return EstimatedTokens.INSTANCE;
    }

    /** A prefix matches the whole id or up to a separator, so that {@code o1} takes {@code o1-mini} but not {@code o1x}. */
    private static boolean matches(String id, String[] prefixes) {
        for (String prefix : prefixes) {
            if (id.startsWith(prefix)
                    && (id.length() == prefix.length() || !Character.isLetterOrDigit(id.charAt(prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    @Override
    public String name() {
        return type.getName();
    }

    private Encoding encoding() {
        Encoding e = encoding;
        if (e == null) {
            synchronized (this) {
                e = encoding;
                if (e == null) {
                    e = Encodings.newLazyEncodingRegistry().getEncoding(type);
                    encoding = e;
                }
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return "BpeTokens[" + name() + "]";
    }
}
