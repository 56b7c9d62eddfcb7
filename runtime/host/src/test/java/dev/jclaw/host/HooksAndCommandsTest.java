package dev.jclaw.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.jclaw.api.command.CommandContext;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.PluginJarBuilder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksAndCommandsTest {
    @TempDir
    Path tmp;
    Path plugins;
    PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJarBuilder.plugin("guard", "1.0")
                .source("module-info.java", "module guard { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.hook.Hook with guard.NoRm;"
                        + " provides dev.jclaw.api.command.CommandProvider with guard.Commands; }")
                .source("guard/NoRm.java", """
                        package guard;
                        import dev.jclaw.api.hook.*;
                        public final class NoRm implements Hook {
                            public int priority() { return 60; }
                            public String beforePromptBuild(TurnContext turn) {
                                return "guard is on for " + turn.sessionKey();
                            }
                            public HookVerdict beforeToolCall(ToolCallContext call) {
                                return call.arguments().optString("command").orElse("").contains("rm -rf")
                                        ? new HookVerdict.Block("no wiping") : HookVerdict.PROCEED;
                            }
                        }
                        """)
                .source("guard/Commands.java", """
                        package guard;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.command.*;
                        import java.util.List;
                        public final class Commands implements CommandProvider {
                            public List<Command> commands(PluginContext context) {
                                return List.of(new Command() {
                                    public String name() { return "shout"; }
                                    public String description() { return "upper-cases its argument"; }
                                    public CommandResult execute(CommandContext ctx) {
                                        if (ctx.arguments().isEmpty()) {
                                            throw new IllegalArgumentException("nothing to shout");
                                        }
                                        return new CommandResult.Reply(ctx.arguments().toUpperCase());
                                    }
                                });
                            }
                        }
                        """)
                .build(plugins.resolve("guard.jar"));
        host = new PluginHost(HostSettings.defaults(plugins, tmp.resolve("data"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withWatch(false));
        host.start();
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private static ToolCallContext call(String command) {
        return new ToolCallContext(new TurnContext("cli:me", "s1", "hi"), "bash",
                JsonObject.builder().put("command", command).build());
    }

    @Test
    void a_plugin_hook_is_registered_with_its_plugin_id_and_decides_about_tool_calls() {
        List<HookRegistry.PluginHook> hooks = host.hooks().list();
        assertThat(hooks).extracting(HookRegistry.PluginHook::pluginId).containsExactly("guard");
        Hook hook = hooks.getFirst().hook();
        assertThat(hook.beforeToolCall(call("rm -rf /"))).isEqualTo(new HookVerdict.Block("no wiping"));
        assertThat(hook.beforeToolCall(call("ls"))).isEqualTo(HookVerdict.PROCEED);
    }

    @Test
    void the_hook_points_of_api_1_1_reach_the_plugin() {
        Hook hook = host.hooks().list().getFirst().hook();
        assertThat(hook.priority()).isEqualTo(60);
        assertThat(hook.beforePromptBuild(new TurnContext("cli:me", "s1", "hi"))).isEqualTo("guard is on for cli:me");
    }

    @Test
    void the_list_stays_the_same_instance_until_the_plugins_change() {
        assertThat(host.hooks().list()).isSameAs(host.hooks().list());
    }

    @Test
    void a_hook_is_removed_on_unload_and_does_nothing_once_its_plugin_is_gone() throws Exception {
        Hook hook = host.hooks().list().getFirst().hook();
        Files.delete(plugins.resolve("guard.jar"));
        host.rescan();
        assertThat(host.hooks().list()).isEmpty();
        PluginHostTest.await(() -> host.plugin("guard").orElseThrow().state() == PluginState.UNINSTALLED);
        assertThat(hook.beforeToolCall(call("rm -rf /"))).isEqualTo(HookVerdict.PROCEED);
        assertThat(hook.beforePromptBuild(new TurnContext("cli:me", "s1", "hi"))).isEmpty();
        assertThat(hook.priority()).isEqualTo(Hook.DEFAULT_PRIORITY);
    }

    @Test
    void the_leased_hook_forwards_every_hook_point() {
        for (Method point : Hook.class.getDeclaredMethods()) {
            if (point.isDefault()) {
                assertThatCode(() -> LeasedHook.class.getDeclaredMethod(point.getName(), point.getParameterTypes()))
                        .as("LeasedHook forwards " + point.getName()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void a_plugin_command_runs_and_its_exception_becomes_a_failure() {
        assertThat(host.commands().list()).extracting(CommandRegistry.CommandSpec::name).containsExactly("shout");
        assertThat(host.commands().run("shout", new CommandContext("cli:me", "hey")))
                .contains(new CommandResult.Reply("HEY"));
        assertThat(host.commands().run("shout", new CommandContext("cli:me", "")))
                .contains(new CommandResult.Failed("/shout failed: IllegalArgumentException: nothing to shout"));
        assertThat(host.commands().run("whisper", new CommandContext("cli:me", "x"))).isEmpty();
    }
}
