package dev.jclaw.plugins.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 for files the tools write: nothing is silently replaced on the way in or out. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Encodes text.
     *
     * @param text the text
     * @return its UTF-8 bytes
     * @throws CharacterCodingException when the text holds an unpaired surrogate, which UTF-8 cannot encode
     */
    static byte[] encode(String text) throws CharacterCodingException {
        ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Decodes bytes.
     *
     * @param bytes the bytes
     * @return the text; a byte order mark is kept as U+FEFF, so encoding the text again restores it
     * @throws CharacterCodingException when the bytes are not valid UTF-8
     */
    static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
