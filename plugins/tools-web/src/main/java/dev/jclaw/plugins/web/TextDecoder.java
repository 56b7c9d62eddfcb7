package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a body into text. The charset comes from, in order: a byte order mark, the {@code Content-Type} header,
 * for HTML a {@code <meta>} tag in the first {@value #META_PROBE_BYTES} bytes, and otherwise UTF-8. Bytes that are
 * invalid in that charset become U+FFFD, so a page with a few bad bytes still reads.
 */
final class TextDecoder {

    static final int META_PROBE_BYTES = 4096;

    /** A decoded body, or why it cannot be decoded. */
    sealed interface Decoded {
        /** @param text the text, without a byte order mark */
        record Text(String text) implements Decoded {
        }

        /** @param message one sentence naming the charset */
        record Undecodable(String message) implements Decoded {
        }
    }

    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

    private TextDecoder() {
    }

    static Decoded decode(byte[] body, ContentType type, boolean html) {
        int bom = 0;
        Charset charset = null;
        if (startsWith(body, 0xef, 0xbb, 0xbf)) {
            bom = 3;
            charset = UTF_8;
        } else if (startsWith(body, 0xfe, 0xff)) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(body, 0xff, 0xfe)) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (type.charset().isPresent()) {
            Optional<Charset> declared = lookup(type.charset().get());
            if (declared.isEmpty()) {
                return new Decoded.Undecodable("the server declared the charset '" + type.charset().get()
                        + "', which web_fetch cannot decode");
            }
            charset = declared.get();
        } else if (html) {
            charset = metaCharset(body).orElse(UTF_8);
        } else {
            charset = UTF_8;
        }
        // the String constructor replaces malformed input with U+FFFD instead of failing
        return new Decoded.Text(new String(body, bom, body.length - bom, charset));
    }

    private static Optional<Charset> metaCharset(byte[] body) {
        Matcher matcher = META_CHARSET.matcher(new String(body, 0, Math.min(body.length, META_PROBE_BYTES), ISO_8859_1));
        // an unknown name in a meta tag is ignored, as browsers do; the header is the one that must be right
        Optional<Charset> found = matcher.find() ? lookup(matcher.group(1)) : Optional.empty();
        // a document that could be read this far as ASCII is not UTF-16, whatever it says (WHATWG HTML)
        return found.map(c -> c.name().startsWith("UTF-16") ? UTF_8 : c);
    }

    /** Looks a charset up; Latin-1 and ASCII labels mean windows-1252, as in browsers (WHATWG Encoding). */
    private static Optional<Charset> lookup(String name) {
        try {
            Charset charset = Charset.forName(name);
            if ((charset.equals(ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII))
                    && Charset.isSupported("windows-1252")) {
                return Optional.of(Charset.forName("windows-1252"));
            }
            return Optional.of(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
