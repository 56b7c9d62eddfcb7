package dev.jclaw.server.http;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.AuditEntry;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a small JSON object body: {@code application/json} (which also keeps plain HTML forms of other sites from
 * posting one), at most {@value #MAX_BYTES} bytes, valid UTF-8. Anything else is answered with a 4xx and one
 * sentence.
 */
final class JsonBodies {
    /** The largest body read. */
    static final int MAX_BYTES = 8 * 1024;

    private JsonBodies() {
    }

    /**
     * Reads the body.
     *
     * @param example what the body should look like, for the messages
     * @return the object, or empty when answered
     */
    static Optional<JsonObject> read(ServerRequest req, ServerResponse res, String example) {
        return read(req, res, example, MAX_BYTES);
    }

    /**
     * Reads a body of up to a given size.
     *
     * @param example what the body should look like, for the messages
     * @param maxBytes the largest body read
     * @return the object, or empty when answered
     */
    static Optional<JsonObject> read(ServerRequest req, ServerResponse res, String example, int maxBytes) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.regionMatches(true, 0, "application/json", 0, 16)) {
            JsonResponses.error(res, 415, "send the body as application/json: " + example);
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parseObject(readSmall(req, maxBytes)));
        } catch (TooLarge e) {
            JsonResponses.error(res, 413, "this body is at most " + maxBytes + " bytes");
        } catch (JsonException | CharacterCodingException e) {
            JsonResponses.error(res, 400, "the body must be a JSON object in UTF-8: " + example + " ("
                    + AuditEntry.safe(e.getMessage(), 200) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static String readSmall(ServerRequest req, int maxBytes) throws IOException {
        if (!req.content().hasEntity()) {
            return "";
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                discardRest(in);
                throw new TooLarge();
            }
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A body over {@link #MAX_BYTES}. */
    /**
     * Reads and drops the rest of a body refused as too large, so that the connection closes cleanly (or stays open)
     * and the client reads the 413: closing a socket with unread data resets it, and a client still sending then
     * sees a broken pipe instead of the answer. The transport's {@code server.max-body-bytes} bounds what is read.
     *
     * @param in the body, partly read
     * @throws IOException when the connection fails
     */
    static void discardRest(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
