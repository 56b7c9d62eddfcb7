package dev.jclaw.config;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A configuration file: where it is, how it is named in messages, and reading it into a JSON object.
 *
 * @param path the absolute path
 * @param name the path as shown in messages: relative to the working directory when inside it
 */
record ConfigFile(Path path, String name) {

    /** Discovery order, after an explicit {@code --config FILE}: the working directory first, then the home. */
    static List<Path> candidates(Path workingDir, Path home) {
        return List.of(workingDir.resolve(ConfigLoader.FILE_NAME),
                workingDir.resolve("configs").resolve(ConfigLoader.FILE_NAME),
                home.resolve(ConfigLoader.FILE_NAME));
    }

    /** The first candidate that exists; a directory or an unreadable file counts, so that it is reported. */
    static Optional<ConfigFile> discover(Path workingDir, Path home) {
        return candidates(workingDir, home).stream()
                .filter(Files::exists)
                .findFirst()
                .map(path -> at(path, workingDir));
    }

    static ConfigFile explicit(Path file, Path workingDir) {
        ConfigFile config = at(workingDir.resolve(file), workingDir);
        if (!Files.exists(config.path())) {
            throw ConfigException.at(config.name(), "", "file not found; expected an existing configuration file");
        }
        return config;
    }

    private static ConfigFile at(Path file, Path workingDir) {
        Path path = file.toAbsolutePath().normalize();
        String name = path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
        return new ConfigFile(path, name);
    }

    /**
     * Reads the file.
     *
     * @return the top-level object
     * @throws ConfigException when the file cannot be read, is larger than {@link ConfigLoader#MAX_FILE_BYTES},
     *                         is not UTF-8, is empty, is not JSON, or does not hold an object
     */
    JsonObject read() {
        if (Files.isDirectory(path)) {
            throw ConfigException.at(name, "", "is a directory; expected a JSON file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(Math.toIntExact(ConfigLoader.MAX_FILE_BYTES) + 1);
        } catch (IOException e) {
            throw ConfigException.at(name, "", "cannot read the file (" + reason(e) + "); expected a readable file", e);
        }
        if (bytes.length > ConfigLoader.MAX_FILE_BYTES) {
            throw ConfigException.at(name, "", "expected a file of at most 1 MiB (" + ConfigLoader.MAX_FILE_BYTES
                    + " bytes), got " + sizeText());
        }
        String text = decode(bytes);
        if (text.startsWith("\ufeff")) {
            text = text.substring(1); // editors on Windows add a byte order mark; it is invisible
        }
        if (text.isBlank()) {
            throw ConfigException.at(name, "", "expected a JSON object, got an empty file");
        }
        JsonValue value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            throw ConfigException.at(name, "", e.getMessage(), e);
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw ConfigException.at(name, "", "expected a JSON object at the top level, got " + kind(value));
    }

    private String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ConfigException.at(name, "", "expected UTF-8 text, got bytes that are not valid UTF-8", e);
        }
    }

    private String sizeText() {
        try {
            return Files.size(path) + " bytes";
        } catch (IOException e) {
            return "more";
        }
    }

    /** Why reading failed, in words: the JDK's message for a denied file is just its path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return "an input/output error";
    }

    private static String kind(JsonValue value) {
        return switch (value) {
            case JsonObject o -> "an object";
            case JsonArray a -> "an array";
            case JsonString s -> "a string";
            case JsonNumber n -> "a number";
            case JsonBoolean b -> "a boolean";
            case JsonNull n -> "null";
        };
    }
}
