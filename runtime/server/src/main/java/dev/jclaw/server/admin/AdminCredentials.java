package dev.jclaw.server.admin;

import dev.jclaw.core.storage.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the admin API. There is no built-in password: a token is configured ({@code admin.token}), or
 * generated on first start, shown once, and only its salted SHA-256 hash kept in the data directory. Each running
 * server also makes a local token for the CLI on the same machine (see {@link RuntimeFile}); here it grants only
 * {@link Access#LOCAL_CLI}, so that it cannot reload or inspect plugins or read the metrics. Elsewhere it stands for
 * the person at this machine's terminal ({@code Authenticator.authenticateTerminal}): the agent's conversations, the
 * users, keys and audit log, as the CLI has when it opens the data directory itself. It lies where the bash sandbox
 * hides it.
 *
 * <p>Tokens are 256-bit random values (or at least 16 configured characters), so a fast salted hash is enough; a
 * slow password hash would only make each admin request a denial-of-service lever.
 */
public final class AdminCredentials {
    static final String HASH_FILE = "admin-token.sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Hashed> accepted;
    private final Hashed local;

    /** What a request's credentials grant. */
    public enum Access {
        /** No accepted token. */
        NONE,
        /** The running server's local CLI token: of the admin API, reading the plugin list only. */
        LOCAL_CLI,
        /** A configured or generated admin token: everything. */
        ADMIN
    }

    private record Hashed(byte[] salt, byte[] hash) {
        boolean matches(String token) {
            return MessageDigest.isEqual(hash, sha256(salt, token));
        }
    }

    private AdminCredentials(List<Hashed> accepted, Hashed local) {
        this.accepted = List.copyOf(accepted);
        this.local = local;
    }

    /** What start-up decided about the admin token. */
    public record Setup(AdminCredentials credentials, Optional<String> newToken) {
    }

    /**
     * Sets up credentials: the configured token if any, else the stored hash, else a new token.
     *
     * @param configured the configured token, may be empty
     * @param dataDir the data directory holding the hash
     * @param localToken the running server's token for the local CLI
     * @return the credentials, and the new token to show once when one was generated
     * @throws IOException when the hash cannot be read or written
     */
    public static Setup setUp(Optional<String> configured, Path dataDir, String localToken) throws IOException {
        Hashed local = hash(localToken);
        if (configured.isPresent()) {
            return new Setup(new AdminCredentials(List.of(hash(configured.get())), local), Optional.empty());
        }
        Path file = dataDir.resolve(HASH_FILE);
        if (Files.exists(file)) {
            return new Setup(new AdminCredentials(List.of(read(file)), local), Optional.empty());
        }
        String token = newToken();
        Hashed hashed = hash(token);
        write(file, HexFormat.of().formatHex(hashed.salt()) + ":" + HexFormat.of().formatHex(hashed.hash()) + "\n");
        return new Setup(new AdminCredentials(List.of(hashed), local), Optional.of(token));
    }

    /**
     * Checks an {@code Authorization} header value.
     *
     * @param authorization the header value, e.g. {@code Bearer abc}
     * @return what the token it carries grants
     */
    public Access access(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Access.NONE;
        }
        String token = authorization.get().substring(7).strip();
        if (token.isEmpty() || token.length() > 512) {
            return Access.NONE;
        }
        boolean admin = false;
        for (Hashed hashed : accepted) {
            admin |= hashed.matches(token); // no early exit: same work whichever token matches
        }
        boolean cli = local.matches(token);
        return admin ? Access.ADMIN : cli ? Access.LOCAL_CLI : Access.NONE;
    }

    /**
     * Makes a new random token: 32 bytes, hex.
     *
     * @return the token
     */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Hashed hash(String token) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Hashed(salt, sha256(salt, token));
    }

    private static Hashed read(Path file) throws IOException {
        String[] parts = Files.readString(file).strip().split(":");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected SALT:HASH");
            }
            return new Hashed(HexFormat.of().parseHex(parts[0]), HexFormat.of().parseHex(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it to generate a new admin"
                    + " token on the next start");
        }
    }

    /**
     * Writes a generated token to the file {@code admin.token-file} names: owner-only ({@code 0600}) from the start,
     * and atomically, so that no reader ever sees a half-written or world-readable token.
     *
     * @param file the file
     * @param token the token
     * @throws IOException when the file cannot be written
     */
    public static void writeTokenFile(Path file, String token) throws IOException {
        write(file, token + "\n");
    }

    /**
     * Forgets a generated token whose hand-over failed, so that the next start generates a new one.
     *
     * @param dataDir the data directory holding the hash
     * @throws IOException when the hash cannot be deleted
     */
    public static void forgetGenerated(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(HASH_FILE));
    }

    static void write(Path file, String content) throws IOException {
        OwnerOnly.directory(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            restrict(tmp);
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data directory's own permissions protect it
        }
    }

    private static byte[] sha256(byte[] salt, String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
