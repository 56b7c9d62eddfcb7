package dev.jclaw.core.model;

/** The first bytes of each image format {@link ImageInput} accepts. */
final class Signatures {
    private Signatures() {
    }

    /** Tells whether the first bytes of an image are those of its media type. */
    static boolean matches(String mediaType, byte[] head) {
        return switch (mediaType) {
            case "image/png" -> startsWith(head, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
            case "image/jpeg" -> startsWith(head, 0, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> startsWith(head, 0, 'G', 'I', 'F', '8');
            case "image/webp" -> startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P');
            default -> false;
        };
    }

    private static boolean startsWith(byte[] head, int at, int... expected) {
        if (head.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
