package dev.jclaw.host;

import static dev.jclaw.host.PluginHostTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins start at once, each under its own deadline, and settle in file order. */
class ParallelStartTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    @TempDir
    Path tmp;
    Path plugins;
    PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private PluginHost newHost() {
        host = new PluginHost(HostSettings.defaults(plugins, tmp.resolve("data"))
                .withTimeouts(DEADLINE, Duration.ofSeconds(5)).withWatch(false));
        return host;
    }

    private PluginInfo info(String id) {
        return host.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id + " in " + host));
    }

    private boolean active(String id) {
        return host.plugin(id).map(p -> p.state() == PluginState.ACTIVE).orElse(false);
    }

    /** A tool plugin whose provider sleeps first, so that it finishes after the plugins beside it. */
    private static PluginJarBuilder slowTool(String id, String toolName, long millis) {
        String pkg = "p_" + id.replace('-', '_');
        return TestPlugins.tool(id, "1.0", toolName, "return ToolResult.ok(\"" + id + "\");")
                .source(pkg + "/Slow.java", "package " + pkg + "; final class Slow { static void down() {"
                        + " try { Thread.sleep(" + millis + "); } catch (InterruptedException e) {"
                        + " Thread.currentThread().interrupt(); } } }")
                .source("module-info.java", "module " + pkg + " { requires dev.jclaw.api; "
                        + "provides dev.jclaw.api.tool.ToolProvider with " + pkg + ".Tools; "
                        + "provides dev.jclaw.api.Plugin with " + pkg + ".Life; }")
                .source(pkg + "/Life.java", "package " + pkg + "; public final class Life implements"
                        + " dev.jclaw.api.Plugin { public void start(dev.jclaw.api.PluginContext c) {"
                        + " Slow.down(); } }");
    }

    @Nested
    class Hanging {
        @Test
        void good_plugins_are_active_long_before_a_hanging_one_times_out() throws Exception {
            TestPlugins.withLifecycle("a-hang", "while (true) { Thread.sleep(60_000); }")
                    .build(plugins.resolve("a-hang.jar"));
            TestPlugins.echo(plugins, "b-good", "1.0", "b_good", "b");
            TestPlugins.echo(plugins, "c-good", "1.0", "c_good", "c");
            newHost();

            long began = System.nanoTime();
            CompletableFuture<Void> starting = CompletableFuture.runAsync(host::start);
            await(() -> active("b-good") && active("c-good"));
            Duration goodActive = Duration.ofNanos(System.nanoTime() - began);
            assertThat(host.tools().contains("b_good")).isTrue();
            assertThat(starting).isNotDone();
            assertThat(info("a-hang").state()).isEqualTo(PluginState.STARTING);

            starting.get(20, TimeUnit.SECONDS);
            assertThat(goodActive).isLessThan(DEADLINE.dividedBy(2));
            assertThat(info("a-hang").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("a-hang").error()).isEqualTo("plugin 'a-hang' did not start within 3000 ms");
            assertThat(host.tools().list()).extracting(ToolSpec::name).containsExactly("b_good", "c_good");
        }

        @Test
        void two_hanging_plugins_cost_about_one_deadline_not_two() {
            TestPlugins.withLifecycle("a-sleeper", "while (true) { Thread.sleep(60_000); }")
                    .build(plugins.resolve("a-sleeper.jar"));
            // ignores the interrupt, but ends when stop() is called
            TestPlugins.withLifecycle("b-stubborn", """
                    while (!stopped) {
                        try { Thread.sleep(20); } catch (InterruptedException ignored) { }
                    }""").build(plugins.resolve("b-stubborn.jar"));
            TestPlugins.echo(plugins, "c-good", "1.0", "c_good", "c");
            newHost();

            long began = System.nanoTime();
            host.start();
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.multipliedBy(2).minusSeconds(1));
            assertThat(info("a-sleeper").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("b-stubborn").error()).isEqualTo("plugin 'b-stubborn' did not start within 3000 ms");
            assertThat(info("c-good").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(host.runawayThreads()).isZero();
        }
    }

    @Nested
    class Overrun {
        @Test
        void calls_stop_after_a_start_that_overran_its_deadline() throws Exception {
            TestPlugins.withLifecycle("late", "Thread.sleep(60_000);",
                    "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                            + tmp.resolve("stopped").toString().replace("\\", "\\\\") + "\"), \"yes\");")
                    .build(plugins.resolve("late.jar"));
            newHost().start();
            assertThat(info("late").state()).isEqualTo(PluginState.FAILED);
            assertThat(tmp.resolve("stopped")).hasContent("yes");
        }

        @Test
        void names_a_start_thread_that_ignores_the_interrupt_and_counts_it_until_it_ends() throws Exception {
            Path release = tmp.resolve("release");
            // burns CPU and swallows interrupts, until the test lets it go
            TestPlugins.withLifecycle("spinner", """
                    java.nio.file.Path release = java.nio.file.Path.of("%s");
                    long spins = 0;
                    while (spins++ %% 1_000_000 != 0 || !java.nio.file.Files.exists(release)) {
                        Thread.interrupted();
                    }""".formatted(release.toString().replace("\\", "\\\\")))
                    .build(plugins.resolve("spinner.jar"));
            TestPlugins.echo(plugins, "steady", "1.0", "steady", "still here");
            newHost().start();

            assertThat(info("spinner").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("spinner").error()).isEqualTo("plugin 'spinner' did not start within 3000 ms, and its"
                    + " thread 'plugin-spinner-start' ignored the interrupt and is still running; remove the plugin"
                    + " and restart the server to end it");
            assertThat(host.runawayThreads()).isEqualTo(1);
            assertThat(info("steady").state()).isEqualTo(PluginState.ACTIVE);

            Files.writeString(release, "go");
            await(() -> host.runawayThreads() == 0);
        }
    }

    @Nested
    class Order {
        @Test
        void registers_in_file_order_whichever_plugin_started_first() {
            slowTool("a-slow", "a_slow", 600).build(plugins.resolve("a-slow.jar"));
            TestPlugins.echo(plugins, "b-fast", "1.0", "b_fast", "b");
            newHost().start();
            assertThat(host.tools().list()).extracting(ToolSpec::name).containsExactly("a_slow", "b_fast");
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly("a-slow", "b-fast");
        }

        @Test
        void a_name_claimed_twice_in_one_round_goes_to_the_file_that_sorts_first() {
            slowTool("a-slow", "same", 600).build(plugins.resolve("a-slow.jar"));
            TestPlugins.echo(plugins, "b-fast", "1.0", "same", "b");
            newHost().start();
            assertThat(info("a-slow").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(info("b-fast").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("b-fast").error())
                    .isEqualTo("plugin 'b-fast' offers the tool 'same', which plugin 'a-slow' already provides");
            assertThat(host.tools().list()).extracting(ToolSpec::pluginId).containsExactly("a-slow");
        }
    }
}
