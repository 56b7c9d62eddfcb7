package dev.jclaw.api.gateway;

import java.util.List;
import java.util.Objects;

/**
 * What a user sends: text and images.
 *
 * @param text the text, may be empty when there are images
 * @param images the images, in order
 * @since 1.3
 */
public record UserMessage(String text, List<Image> images) {

    /** Checks the fields and copies the list. */
    public UserMessage {
        Objects.requireNonNull(text, "text");
        images = List.copyOf(images);
        if (text.isBlank() && images.isEmpty()) {
            throw new IllegalArgumentException("a message needs text or an image");
        }
    }

    /**
     * A text message.
     *
     * @param text the text
     * @return the message
     */
    public static UserMessage text(String text) {
        return new UserMessage(text, List.of());
    }

    /**
     * An image: inline base64 data of an allowed type, or an http(s) URL the model's provider fetches.
     *
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}; empty for a URL
     * @param data the base64 data, empty for a URL
     * @param url the URL, empty for inline data
     */
    public record Image(String mediaType, String data, String url) {
        /** Checks that exactly one of data and URL is given. */
        public Image {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(url, "url");
            if (data.isEmpty() == url.isEmpty()) {
                throw new IllegalArgumentException("an image has either inline data or a URL");
            }
        }
    }
}
