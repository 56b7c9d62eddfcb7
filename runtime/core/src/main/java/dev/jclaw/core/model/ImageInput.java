package dev.jclaw.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An image a user sent with a message: either inline, as base64 {@code data} with its {@code mediaType}, or by an
 * http(s) {@code url} that the provider fetches. Exactly one of {@code data} and {@code url} is set; the other is
 * empty.
 *
 * <p>Checked on construction, so that a bad image is refused where it enters, with one sentence, never at the
 * provider half-way through a turn:
 * <ul>
 *   <li>inline: the media type is one of {@link #MEDIA_TYPES}; the data is standard base64 (no line breaks, padded),
 *       at most {@value #MAX_BYTES} bytes decoded, and starts with that format's signature (a PNG labelled
 *       {@code image/jpeg} is refused);</li>
 *   <li>by URL: {@code http} or {@code https} with a host, no credentials, at most {@value #MAX_URL} characters;
 *       the media type is empty or one of {@link #MEDIA_TYPES}.</li>
 * </ul>
 *
 * <p>Budgets count each image as {@value #ESTIMATED_TOKENS} tokens: what an image really costs depends on its
 * pixel size and the provider (OpenAI: 85 plus 170 per 512-pixel tile, at most 1,445 at high detail; Anthropic:
 * width × height / 750, about 1,600 at most after its resizing), which is unknowable here without decoding the
 * image, so the estimate is a flat figure at the top of those ranges.
 *
 * <pre>{@code
 * ChatMessage.User message = new ChatMessage.User("what is in this picture?",
 *         List.of(ImageInput.inline("image/png", base64), ImageInput.url("https://example.com/cat.jpg")));
 * }</pre>
 *
 * @param mediaType the media type, e.g. {@code image/png}; may be empty for a URL
 * @param data the image as base64, or empty for a URL
 * @param url the image's http(s) URL, or empty for inline data
 */
public record ImageInput(String mediaType, String data, String url) {
    /** The media types an image may have. */
    public static final List<String> MEDIA_TYPES = List.of("image/png", "image/jpeg", "image/gif", "image/webp");
    /** The largest inline image, in bytes once decoded: 20 MiB, OpenAI's limit per image. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    /** The longest URL, in characters. */
    public static final int MAX_URL = 8192;
    /** The most images one user message may carry. */
    public static final int MAX_PER_MESSAGE = 16;
    /** What budgets count for one image, in tokens (see the class comment). */
    public static final int ESTIMATED_TOKENS = 1600;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong with the image
     */
    public ImageInput {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(url, "url");
        if (data.isEmpty() == url.isEmpty()) {
            throw new IllegalArgumentException("an image has either base64 data or a URL, exactly one of them");
        }
        if (!mediaType.isEmpty() && !MEDIA_TYPES.contains(mediaType)) {
            throw new IllegalArgumentException("an image's media type is one of " + String.join(", ", MEDIA_TYPES)
                    + ", not '" + printable(mediaType, 40) + "'");
        }
        if (url.isEmpty()) {
            checkData(mediaType, data);
        } else {
            checkUrl(url);
        }
    }

    /**
     * An inline image.
     *
     * @param mediaType one of {@link #MEDIA_TYPES}
     * @param base64 the image's bytes in standard base64
     * @return the image
     * @throws IllegalArgumentException when the media type or the data is not acceptable
     */
    public static ImageInput inline(String mediaType, String base64) {
        return new ImageInput(mediaType, base64, "");
    }

    /**
     * An image the provider fetches.
     *
     * @param url an http or https URL
     * @return the image
     * @throws IllegalArgumentException when the URL is not acceptable
     */
    public static ImageInput url(String url) {
        return new ImageInput("", "", url);
    }

    /**
     * Reads the {@code url} of an OpenAI {@code image_url} content part: a {@code data:<type>;base64,<data>} URL
     * becomes an inline image, an http(s) URL stays a URL.
     *
     * @param url the URL as a client sent it
     * @return the image
     * @throws IllegalArgumentException when it is neither an acceptable data URL nor an acceptable http(s) URL
     */
    public static ImageInput parse(String url) {
        Objects.requireNonNull(url, "url");
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new IllegalArgumentException("an image's data URL is data:<media type>;base64,<data>");
            }
            return inline(meta.substring(0, meta.length() - 7).toLowerCase(Locale.ROOT), url.substring(comma + 1));
        }
        return url(url);
    }

    /**
     * Copies the images of one message, checking their number.
     *
     * @param images the images
     * @return an unmodifiable copy
     * @throws IllegalArgumentException when there are more than {@value #MAX_PER_MESSAGE}
     */
    public static List<ImageInput> copyOf(List<ImageInput> images) {
        List<ImageInput> copy = List.copyOf(images);
        if (copy.size() > MAX_PER_MESSAGE) {
            throw new IllegalArgumentException("a message carries at most " + MAX_PER_MESSAGE + " images, not "
                    + copy.size());
        }
        return copy;
    }

    /** @return whether the image travels inline */
    public boolean isInline() {
        return url.isEmpty();
    }

    /** @return the image's bytes, for an inline image; empty for a URL */
    public byte[] bytes() {
        return isInline() ? Base64.getDecoder().decode(data) : new byte[0];
    }

    /** @return the URL a provider reads: a {@code data:} URL for an inline image, the URL itself otherwise */
    public String toUrl() {
        return isInline() ? "data:" + mediaType + ";base64," + data : url;
    }

    /** @return the size of an inline image in bytes, 0 for a URL */
    public int size() {
        if (!isInline()) {
            return 0;
        }
        int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        return data.length() / 4 * 3 - padding;
    }

    /** Never the data: an image would flood a log line. */
    @Override
    public String toString() {
        return isInline() ? "ImageInput[" + mediaType + ", " + size() + " bytes]"
                : "ImageInput[" + printable(url, 100) + "]";
    }

    private static void checkData(String mediaType, String data) {
        if (mediaType.isEmpty()) {
            throw new IllegalArgumentException("an inline image needs its media type, one of "
                    + String.join(", ", MEDIA_TYPES));
        }
        long decoded = (long) data.length() / 4 * 3;
        if (decoded > MAX_BYTES + 2L) {
            throw new IllegalArgumentException("an image is at most " + MAX_BYTES / (1024 * 1024)
                    + " MiB; this one is about " + decoded / (1024 * 1024) + " MiB");
        }
        if (data.length() % 4 != 0 || !isBase64(data)) {
            throw new IllegalArgumentException("an inline image's data is standard base64 (A-Z, a-z, 0-9, +, /,"
                    + " padded with =, no line breaks)");
        }
        int size = data.length() / 4 * 3 - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("an image is at most " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        byte[] head = Base64.getDecoder().decode(data.substring(0, Math.min(data.length(), 16)));
        if (!Signatures.matches(mediaType, head)) {
            throw new IllegalArgumentException("the image's data is not " + mediaType + " (its first bytes do not"
                    + " say so); send it with its real media type");
        }
    }

    private static boolean isBase64(String data) {
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' && (i == n - 1 || i == n - 2 && data.charAt(n - 1) == '=');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void checkUrl(String url) {
        if (url.length() > MAX_URL) {
            throw new IllegalArgumentException("an image URL is at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("an image URL is a well-formed http(s) URL, not '"
                    + printable(url, 100) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("an image URL is http or https (or the image is sent inline), not '"
                    + printable(scheme.isEmpty() ? url : scheme + ":", 40) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("an image URL names a host, e.g. https://example.com/cat.png");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an image URL must not carry credentials (user:password@)");
        }
    }

    private static String printable(String s, int max) {
        String cut = s.length() > max ? s.substring(0, max) + "…" : s;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
