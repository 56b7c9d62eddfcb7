package dev.jclaw.host;

import static dev.jclaw.host.PluginHostTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.api.tool.ToolsChanged;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin announces that its tools changed; the host asks it again and swaps its tools (plugin API 1.3). */
class ToolsChangedTest {
    @TempDir
    Path tmp;
    Path plugins;
    Path workspace;
    Path data;
    PluginHost host;
    final HostServiceRegistry services = new HostServiceRegistry();

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        data = tmp.resolve("data");
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith("jclaw.test.toolsChanged."));
    }

    private void startHost() {
        host = new PluginHost(HostSettings.defaults(plugins, data).withServices(services)
                .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(5)).withWatch(false));
        host.start();
    }

    private Path pluginData(String id) throws Exception {
        return Files.createDirectories(data.resolve("plugins").resolve(id));
    }

    private void offer(String id, String... names) throws Exception {
        Files.writeString(pluginData(id).resolve("tools.txt"), String.join("\n", names));
    }

    private int asks(String id) throws Exception {
        Path log = pluginData(id).resolve("asked.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private static ToolsChanged announcer(String id, String version) {
        return (ToolsChanged) System.getProperties().get(TestPlugins.announcerKey(id, version));
    }

    private List<String> names() {
        return host.tools().list().stream().map(ToolSpec::name).toList();
    }

    private Optional<ToolResult> call(String tool, JsonObject arguments) {
        return host.tools().call(tool, new ToolContext("c1", arguments, workspace, "test:me",
                Instant.now().plusSeconds(10)));
    }

    private String text(String tool) {
        return switch (call(tool, JsonObject.EMPTY).orElseThrow(() -> new AssertionError("no tool " + tool))) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> "FAILED " + failed.message();
            case ToolResult.Denied denied -> "DENIED " + denied.reason();
        };
    }

    private void replace(String id, String version) throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch-" + version));
        Path built = TestPlugins.dynamic(id, version).build(scratch.resolve(id + ".jar"));
        Files.setLastModifiedTime(built, FileTime.fromMillis(System.currentTimeMillis() - 5000));
        Files.move(built, plugins.resolve(id + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        host.rescan();
    }

    @Nested
    class Refresh {
        @Test
        void the_tool_list_follows_announcements_that_add_remove_and_rename() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            assertThat(names()).containsExactly("dyn_ctl", "alpha");

            offer("dyn", "alpha", "beta");
            announcer("dyn", "1.0").announce();
            await(() -> names().equals(List.of("dyn_ctl", "alpha", "beta")));
            assertThat(text("beta")).isEqualTo("beta from 1.0");

            offer("dyn", "gamma", "beta");
            assertThat(text("dyn_ctl")).isEqualTo("announced 1"); // from plugin code, inside a tool call
            await(() -> names().equals(List.of("dyn_ctl", "gamma", "beta")));
            assertThat(call("alpha", JsonObject.EMPTY)).isEmpty();
            assertThat(text("gamma")).isEqualTo("gamma from 1.0");
            assertThat(host.plugin("dyn").orElseThrow().provides())
                    .containsExactly("tool:dyn_ctl", "tool:gamma", "tool:beta");
            assertThat(host.plugin("dyn").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);

            offer("dyn");
            announcer("dyn", "1.0").announce();
            await(() -> names().equals(List.of("dyn_ctl")));
        }

        @Test
        void a_burst_of_announcements_is_one_refresh() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            assertThat(asks("dyn")).isEqualTo(1);
            offer("dyn", "alpha", "beta");
            assertThat(text("dyn_ctl")).isEqualTo("announced 1"); // warm the call path before timing the burst
            await(() -> asks("dyn") == 2);

            call("dyn_ctl", JsonObject.builder().put("times", 500).build());
            await(() -> asks("dyn") == 3);
            Thread.sleep(ToolsAnnouncerTiming.settle()); // nothing more may come: the burst was one refresh
            assertThat(asks("dyn")).isEqualTo(3);
        }

        @Test
        void an_announcement_while_a_refresh_runs_brings_one_more() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            Files.writeString(pluginData("dyn").resolve("slow-ask"), "300 ms");
            announcer("dyn", "1.0").announce();
            await(() -> asks("dyn") == 2); // the refresh is inside the provider now, for 300 ms
            offer("dyn", "late");
            announcer("dyn", "1.0").announce();
            announcer("dyn", "1.0").announce();
            await(() -> names().contains("late"));
            Thread.sleep(ToolsAnnouncerTiming.settle());
            assertThat(asks("dyn")).isEqualTo(3);
        }

        @Test
        void a_call_in_flight_during_a_swap_completes_on_the_tool_it_started_on() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            offer("dyn", "slow");
            startHost();
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> text("slow"));
            await(() -> Files.exists(workspace.resolve("started")));

            offer("dyn", "fast");
            announcer("dyn", "1.0").announce();
            await(() -> names().equals(List.of("dyn_ctl", "fast")));
            assertThat(text("fast")).isEqualTo("fast from 1.0");
            assertThat(inFlight).isNotDone();
            Files.writeString(workspace.resolve("release"), "go");
            assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("slow from 1.0");
        }

        @Test
        void a_name_another_plugin_provides_stays_with_it_as_at_load() throws Exception {
            TestPlugins.echo(plugins, "a-first", "1.0", "beta", "beta of a-first");
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            offer("dyn", "alpha", "beta", "gamma");
            announcer("dyn", "1.0").announce();
            await(() -> names().contains("gamma"));

            assertThat(host.tools().list()).extracting(ToolSpec::name, ToolSpec::pluginId).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("beta", "a-first"),
                    org.assertj.core.groups.Tuple.tuple("dyn_ctl", "dyn"),
                    org.assertj.core.groups.Tuple.tuple("alpha", "dyn"),
                    org.assertj.core.groups.Tuple.tuple("gamma", "dyn"));
            assertThat(text("beta")).isEqualTo("beta of a-first");
            PluginInfo dyn = host.plugin("dyn").orElseThrow();
            assertThat(dyn.state()).isEqualTo(PluginState.ACTIVE);
            assertThat(dyn.warning())
                    .isEqualTo("plugin 'dyn' offers the tool 'beta', which plugin 'a-first' already provides");

            Files.delete(plugins.resolve("a-first.jar"));
            host.rescan();
            announcer("dyn", "1.0").announce();
            await(() -> host.tools().list().stream().anyMatch(t -> t.name().equals("beta")
                    && t.pluginId().equals("dyn")));
            assertThat(host.plugin("dyn").orElseThrow().warning()).isEmpty();
        }

        @Test
        void a_list_the_start_checks_would_refuse_keeps_the_old_tools_and_says_why() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            offer("dyn", "alpha", "bad name!");
            announcer("dyn", "1.0").announce();
            await(() -> !host.plugin("dyn").orElseThrow().error().isEmpty());
            assertThat(host.plugin("dyn").orElseThrow().error()).isEqualTo("tool refresh failed: plugin 'dyn' offers"
                    + " a tool named 'bad name!'; tool names are 1-64 letters, digits, '_' or '-'");
            assertThat(names()).containsExactly("dyn_ctl", "alpha");
            assertThat(text("alpha")).isEqualTo("alpha from 1.0");

            offer("dyn", "alpha", "alpha");
            announcer("dyn", "1.0").announce();
            await(() -> host.plugin("dyn").orElseThrow().error().contains("twice"));

            offer("dyn", "omega");
            announcer("dyn", "1.0").announce();
            await(() -> names().contains("omega"));
            assertThat(host.plugin("dyn").orElseThrow().error()).isEmpty();
        }

        @Test
        void listeners_hear_of_announced_and_loaded_changes() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            AtomicInteger heard = new AtomicInteger();
            List<List<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            host.onToolsChanged(() -> {
                heard.incrementAndGet();
                seen.add(names());
            });
            offer("dyn", "alpha", "beta");
            announcer("dyn", "1.0").announce();
            await(() -> heard.get() == 1);
            assertThat(seen.getFirst()).containsExactly("dyn_ctl", "alpha", "beta");

            Files.setLastModifiedTime(TestPlugins.echo(plugins, "more", "1.0", "more", "more"),
                    FileTime.fromMillis(System.currentTimeMillis() - 5000)); // settled: a rescan takes it
            host.rescan();
            await(() -> heard.get() == 2);
        }
    }

    @Nested
    class Stale {
        @Test
        void an_announcement_from_a_replaced_or_unloaded_version_does_nothing() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            ToolsChanged v1 = announcer("dyn", "1.0");
            replace("dyn", "2.0");
            assertThat(host.plugin("dyn").orElseThrow().version()).isEqualTo("2.0");
            assertThat(asks("dyn")).isEqualTo(2);

            offer("dyn", "stale");
            v1.announce();
            Thread.sleep(ToolsAnnouncerTiming.settle());
            assertThat(asks("dyn")).isEqualTo(2);
            assertThat(names()).containsExactly("dyn_ctl", "alpha");
            assertThat(text("alpha")).isEqualTo("alpha from 2.0");

            ToolsChanged v2 = announcer("dyn", "2.0");
            Files.delete(plugins.resolve("dyn.jar"));
            host.rescan();
            await(() -> host.plugin("dyn").orElseThrow().state() == PluginState.UNINSTALLED);
            v2.announce();
            v1.announce();
            Thread.sleep(ToolsAnnouncerTiming.settle());
            assertThat(asks("dyn")).isEqualTo(2);
            assertThat(names()).isEmpty();
        }

        @Test
        void a_kept_ToolsChanged_does_not_keep_the_unloaded_plugin_in_memory() throws Exception {
            TestPlugins.dynamic("dyn", "1.0").build(plugins.resolve("dyn.jar"));
            startHost();
            ToolsChanged kept = announcer("dyn", "1.0");
            kept.announce(); // a refresh in the past must leave nothing behind either
            await(() -> asks("dyn") == 2);
            WeakReference<ClassLoader> loader =
                    new WeakReference<>(host.registrations().tools().get("alpha").owner().loader());

            Files.delete(plugins.resolve("dyn.jar"));
            host.rescan();
            await(() -> host.plugin("dyn").orElseThrow().state() == PluginState.UNINSTALLED);
            kept.announce();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (loader.get() != null && System.nanoTime() < deadline) {
                System.gc();
                byte[][] pressure = new byte[64][];
                for (int i = 0; i < pressure.length; i++) {
                    pressure[i] = new byte[1 << 20];
                }
                Thread.sleep(50);
            }
            assertThat(loader.get()).as("class loader of the unloaded plugin").isNull();
            java.lang.ref.Reference.reachabilityFence(kept);
        }
    }

    @Nested
    class Services {
        @Test
        void a_plugin_finds_the_shared_services_registered_even_after_it_started() throws Exception {
            TestPlugins.tool("svc", "1.0", "svc", """
                    return ToolResult.ok(context.services().find(java.time.Clock.class)
                            .map(c -> c.instant().toString()).orElse("none")
                            + " " + context.services().find(ToolsChanged.class).orElseThrow()
                            + " " + (context.services().find(ToolsChanged.class).orElseThrow()
                                    == context.services().find(ToolsChanged.class).orElseThrow())
                            + " " + context.services().find(String.class).isPresent());
                    """).build(plugins.resolve("svc.jar"));
            startHost();
            assertThat(text("svc")).matches("none ToolsChanged\\[svc #\\d+] true false");
            services.register(Clock.class, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
            assertThat(text("svc")).startsWith("2026-01-02T03:04:05Z ToolsChanged[svc #");
            services.remove(Clock.class);
            assertThat(text("svc")).startsWith("none ");
        }

        @Test
        void each_plugin_and_each_version_gets_a_ToolsChanged_of_its_own() throws Exception {
            TestPlugins.dynamic("one", "1.0").build(plugins.resolve("one.jar"));
            TestPlugins.dynamic("two", "1.0").build(plugins.resolve("two.jar"));
            startHost();
            assertThat(announcer("one", "1.0")).isNotSameAs(announcer("two", "1.0"));
            replace("one", "2.0");
            assertThat(announcer("one", "2.0")).isNotSameAs(announcer("one", "1.0"));
        }

        @Test
        void the_registry_refuses_ToolsChanged_which_is_per_plugin() {
            assertThatThrownBy(() -> services.register(ToolsChanged.class, () -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offered by the host to each plugin");
            assertThat(services.find(ToolsChanged.class)).isEmpty();
        }
    }

    /** How long the tests wait to be sure no further refresh comes: several quiet windows. */
    static final class ToolsAnnouncerTiming {
        static long settle() {
            return dev.jclaw.host.internal.ToolsAnnouncer.QUIET.toMillis() * 4;
        }
    }
}
