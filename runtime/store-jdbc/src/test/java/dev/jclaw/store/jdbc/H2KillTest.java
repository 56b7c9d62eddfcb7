package dev.jclaw.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9 of a process writing to the embedded H2 store, in the middle of a tool call. */
class H2KillTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void keeps_every_entry_whose_append_returned_and_repairs_the_running_tool_call() throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-Djava.util.logging.config.file="
                + System.getProperty("java.util.logging.config.file", ""), "-cp", classPath(),
                CrashChild.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<String> written = new LinkedHashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && written.size() < 300; line = out.readLine()) {
                if (line.startsWith("written ")) {
                    written.add(line.substring("written ".length()));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(written).as("entries the child reported").hasSize(300);

        try (JdbcSessionStore store = JdbcSessionStore.h2(dir)) {
            SessionRouter.Loaded alice = new SessionRouter(store).load(new SessionKey("cli:alice"));
            assertThat(alice.repaired()).isEqualTo(1);
            assertThat(alice.path()).extracting(Entry::body).endsWith(
                    new Entry.ToolOutput("c2", "read", "ok", false),
                    new Entry.ToolOutput("c1", "bash", Histories.INTERRUPTED, true));
            List<String> stored = new ArrayList<>();
            alice.path().forEach(e -> stored.add(e.id().value()));
            store.path(store.current(new SessionKey("cli:bob")).id()).forEach(e -> stored.add(e.id().value()));
            assertThat(stored).containsAll(written);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Everything the test runs with, as a plain class path: the module path, the class path and both class dirs. */
    static String classPath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property, "");
            if (!value.isEmpty()) {
                parts.add(value);
            }
        }
        parts.add(Path.of(CrashChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        parts.add(Path.of(JdbcSessionStore.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        return String.join(File.pathSeparator, parts);
    }
}
