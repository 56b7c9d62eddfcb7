package dev.jclaw.server.http;

import dev.jclaw.server.auth.Authentication;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code X-JClaw-Workspace}: the directory the tools of a terminal client's turn work in, as the person at this
 * machine names it. {@code jclaw run} and {@code jclaw chat} beside a server on their JClaw home send their current
 * directory (or {@code --workspace}), so that a turn works where it would have in-process. The value is an absolute
 * path in UTF-8, percent-encoded ({@code /home/ana/my%20project}).
 *
 * <p>Only the local credential of {@code data/run/server.json} may send it: that file is readable by the server's OS
 * user alone, so its holder could work in that directory anyway. An API key, a session token or the admin token
 * sending it is refused with 403 — a remote caller's turns work in the workspace the server chooses for its user.
 */
public final class WorkspaceHeader {
    /** The header's name. */
    public static final String NAME = "X-JClaw-Workspace";
    /** The longest value, encoded. */
    static final int MAX_CHARS = 8192;

    private WorkspaceHeader() {
    }

    /** Why a request's workspace was refused: one sentence and the status to answer with. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Encodes a directory as the header's value.
     *
     * @param workspace an absolute path
     * @return the value: the path's UTF-8 bytes, every one but letters, digits and {@code / . _ ~ -}
     *         percent-encoded
     */
    public static String encode(Path workspace) {
        StringBuilder out = new StringBuilder();
        for (byte b : workspace.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._~-".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /**
     * Reads the workspace a request names.
     *
     * @param value the header's value, if sent
     * @param credential what the request authenticated with
     * @return the directory, or empty when the header was not sent
     * @throws Refused 403 when the credential is not the local one, 400 when the value is not an absolute path
     */
    static Optional<Path> read(Optional<String> value, Authentication.Credential credential) throws Refused {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(credential instanceof Authentication.Local)) {
            throw new Refused(403, "only the terminal of the server's own machine (the local token of"
                    + " data/run/server.json) may name a workspace with " + NAME + "; this server works in its own"
                    + " workspace for your user");
        }
        String text = value.get();
        if (text.isEmpty() || text.length() > MAX_CHARS) {
            throw malformed();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else if (c > 0x20 && c < 0x7f && c != '%') {
                bytes.write(c);
            } else {
                throw malformed();
            }
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw malformed();
        }
        try {
            Path workspace = Path.of(path);
            if (!workspace.isAbsolute()) {
                throw malformed();
            }
            return Optional.of(workspace.normalize());
        } catch (InvalidPathException e) {
            throw malformed();
        }
    }

    private static Refused malformed() {
        return new Refused(400, NAME + " takes an absolute directory, its UTF-8 bytes percent-encoded, e.g."
                + " /home/ana/my%20project");
    }
}
