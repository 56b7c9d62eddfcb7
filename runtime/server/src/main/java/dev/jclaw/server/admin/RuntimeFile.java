package dev.jclaw.server.admin;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <data-dir>/run/server.json}: how the CLI on this machine finds the running server and authenticates to it.
 * Readable by the owner only; written at start, deleted at stop. A token in it dies with the process.
 *
 * @param url the server's base URL
 * @param pid the server's process id
 * @param token the local admin token
 */
public record RuntimeFile(String url, long pid, String token) {

    /**
     * Returns the file's path.
     *
     * @param dataDir the data directory
     * @return the path
     */
    public static Path path(Path dataDir) {
        return dataDir.resolve("run").resolve("server.json");
    }

    /**
     * Writes the file atomically, owner-only.
     *
     * @param dataDir the data directory
     * @throws IOException when it cannot be written
     */
    public void write(Path dataDir) throws IOException {
        AdminCredentials.write(path(dataDir), Json.writePretty(JsonObject.builder()
                .put("url", url).put("pid", pid).put("token", token).build()) + "\n");
    }

    /**
     * Reads the file of a server that is still alive.
     *
     * @param dataDir the data directory
     * @return the file, or empty when absent, unreadable, or its process is gone
     */
    public static Optional<RuntimeFile> read(Path dataDir) {
        Path file = path(dataDir);
        try {
            JsonObject json = Json.parseObject(Files.readString(file));
            RuntimeFile runtime = new RuntimeFile(json.string("url"), json.optLong("pid").orElse(-1L),
                    json.string("token"));
            boolean alive = ProcessHandle.of(runtime.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(runtime) : Optional.empty();
        } catch (IOException | JsonException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the file if it belongs to this process.
     *
     * @param dataDir the data directory
     */
    public void delete(Path dataDir) {
        try {
            if (read(dataDir).map(r -> r.pid() == pid).orElse(true)) {
                Files.deleteIfExists(path(dataDir));
            }
        } catch (IOException e) {
            System.getLogger(RuntimeFile.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not delete " + path(dataDir) + ": " + e.getMessage());
        }
    }
}
