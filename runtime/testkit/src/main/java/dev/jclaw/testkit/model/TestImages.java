package dev.jclaw.testkit.model;

import dev.jclaw.core.model.ImageInput;
import java.util.Base64;
import java.util.Random;

/** Images for tests: a real one-pixel PNG, and images of a chosen size that carry their format's signature. */
public final class TestImages {
    /** A real 1×1 PNG, base64. */
    public static final String PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
            + "rkJggg==";

    private TestImages() {
    }

    /** @return the 1×1 PNG as an inline image */
    public static ImageInput pixel() {
        return ImageInput.inline("image/png", PNG_1X1);
    }

    /**
     * An image of exactly {@code bytes} bytes: the format's signature, then bytes that every value occurs in
     * (seeded, so a test sees the same image every run).
     *
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}
     * @param bytes the size, at least 16
     * @param seed the seed of the bytes after the signature
     * @return the image
     */
    public static ImageInput sized(String mediaType, int bytes, long seed) {
        return ImageInput.inline(mediaType, Base64.getEncoder().encodeToString(raw(mediaType, bytes, seed)));
    }

    /**
     * The bytes of {@link #sized}.
     *
     * @param mediaType the format
     * @param bytes the size, at least 16
     * @param seed the seed
     * @return the bytes
     */
    public static byte[] raw(String mediaType, int bytes, long seed) {
        byte[] out = new byte[bytes];
        new Random(seed).nextBytes(out);
        byte[] head = switch (mediaType) {
            case "image/png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
            case "image/jpeg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case "image/gif" -> new byte[] {'G', 'I', 'F', '8', '9', 'a'};
            case "image/webp" -> new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
            default -> throw new IllegalArgumentException("no test images of " + mediaType);
        };
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }
}
