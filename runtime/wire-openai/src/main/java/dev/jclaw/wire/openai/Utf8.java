package dev.jclaw.wire.openai;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a request body strictly: malformed or truncated UTF-8 is refused, never replaced by U+FFFD, so text a
 * client did not send never reaches the agent or its history. A byte order mark is refused too (RFC 8259 forbids
 * it in JSON sent over a network).
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes bytes that must be UTF-8.
     *
     * @param bytes the body
     * @return the text
     * @throws InvalidRequestException 400 naming the byte offset of the first malformed sequence
     */
    public static String decode(byte[] bytes) throws InvalidRequestException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidRequestException(400, "", "invalid_encoding", "the request body is not valid UTF-8"
                    + " (malformed bytes at offset " + in.position() + ")");
        }
        out.flip();
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            throw new InvalidRequestException(400, "", "invalid_encoding",
                    "the request body starts with a byte order mark; send JSON without one");
        }
        return out.toString();
    }

    /**
     * Checks that a string has no lone surrogate, which no UTF-8 encoder can write: JSON escapes such as
     * {@code "\ud800"} decode to one.
     *
     * @param s the string
     * @return the index of the first lone surrogate, or -1
     */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
