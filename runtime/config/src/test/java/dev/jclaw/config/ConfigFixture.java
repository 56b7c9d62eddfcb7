package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A working directory, a user home and an environment to load configurations from, all under a temp dir. */
final class ConfigFixture {
    final Path workingDir;
    final Path userHome;
    final Map<String, String> env = new HashMap<>();

    ConfigFixture(Path tempDir) {
        this.workingDir = tempDir.resolve("work");
        this.userHome = tempDir.resolve("user");
        try {
            Files.createDirectories(workingDir);
            Files.createDirectories(userHome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Writes a file relative to the working directory, creating parent directories. */
    Path write(String relative, String content) {
        return write(workingDir.resolve(relative), content);
    }

    Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigLoader.Builder loader() {
        return ConfigLoader.builder().workingDir(workingDir).userHome(userHome).environment(env);
    }

    JClawConfig load() {
        return loader().build().load();
    }

    /** Writes {@code ./jclaw.json} and loads it. */
    JClawConfig load(String json) {
        write("jclaw.json", json);
        return load();
    }

    ConfigException error() {
        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(e).as("a ConfigException").isNotNull();
        return e;
    }

    /** Writes {@code ./jclaw.json} and returns the error loading it. */
    ConfigException error(String json) {
        write("jclaw.json", json);
        return error();
    }
}
