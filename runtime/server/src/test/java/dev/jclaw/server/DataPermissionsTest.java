package dev.jclaw.server;

import dev.jclaw.server.wiring.Wiring;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.memory.AgentMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts and memories are the owner's: no file under the data directory is readable by group or others. */
class DataPermissionsTest {
    static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path home;

    JClawConfig config() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        return TestServers.config(home, plugins, Map.of("JCLAW_MEMORY_EMBEDDING", "none"));
    }

    /** Starts a server, then writes a session entry and a memory as {@code jclaw run} beside it would. */
    void startAndWrite(JClawConfig config) throws Exception {
        try (JClawServer server = TestServers.start(config).server()) {
            try (SessionStore sessions = Wiring.sessions(config)) {
                var session = sessions.current(new SessionKey("cli:alice"));
                sessions.append(session.id(), new Entry.User("the deploy key is in the vault"));
            }
            try (AgentMemory memory = Wiring.memory(config).orElseThrow()) {
                memory.service().memorize(new Namespace("cli:alice"), MemoryLayer.FACT, "fact",
                        "Alice's staging host is stg-7.internal", "s1");
            }
            assertThat(server.port()).isPositive();
        }
    }

    static List<String> exposed(Path dataDir) throws IOException {
        try (Stream<Path> all = Files.walk(dataDir)) {
            // the workspace holds the user's own files, with the modes the user gives them; the 0700 data
            // directory around it keeps other accounts out
            return all.filter(p -> !p.startsWith(dataDir.resolve("workspace")))
                    .filter(p -> {
                        try {
                            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p,
                                    LinkOption.NOFOLLOW_LINKS);
                            return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(p -> dataDir.relativize(p) + " " + permissions(p)).toList();
        }
    }

    static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return "?";
        }
    }

    @Nested
    class FreshInstall {
        @Test
        void keeps_every_database_and_index_file_owner_only() throws Exception {
            JClawConfig config = config();
            startAndWrite(config);
            assertThat(permissions(config.dataDir())).isEqualTo("rwx------");
            try (Stream<Path> all = Files.walk(config.dataDir())) {
                assertThat(all.map(p -> config.dataDir().relativize(p).toString()))
                        .as("the stores were written").contains("jclaw.mv.db", "memory/jclaw.mv.db")
                        .anyMatch(name -> name.startsWith("memory/index/segments_"));
            }
            assertThat(exposed(config.dataDir())).isEmpty();
        }
    }

    @Nested
    class ExistingInstall {
        @Test
        void tightens_what_an_older_version_left_readable() throws Exception {
            JClawConfig config = config();
            Path data = Files.createDirectories(config.dataDir());
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path trace = Files.writeString(data.resolve("jclaw.trace.db"), "old trace");
            Path index = Files.createDirectories(data.resolve("memory/index"));
            Files.setPosixFilePermissions(data.resolve("memory"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path p : List.of(trace)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
            startAndWrite(config);
            assertThat(exposed(data)).isEmpty();
        }
    }
}
