package dev.jclaw.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.command.CommandContext;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.PluginJarBuilder;
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
    void a_plugin_hook_decides_about_tool_calls() {
        List<Hook> hooks = host.hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.getFirst().beforeToolCall(call("rm -rf /"))).isEqualTo(new HookVerdict.Block("no wiping"));
        assertThat(hooks.getFirst().beforeToolCall(call("ls"))).isEqualTo(HookVerdict.PROCEED);
    }

    @Test
    void a_hook_whose_plugin_is_gone_does_nothing() throws Exception {
        Hook hook = host.hooks().getFirst();
        Files.delete(plugins.resolve("guard.jar"));
        host.rescan();
        PluginHostTest.await(() -> host.plugin("guard").orElseThrow().state() == PluginState.UNINSTALLED);
        assertThat(host.hooks()).isEmpty();
        assertThat(hook.beforeToolCall(call("rm -rf /"))).isEqualTo(HookVerdict.PROCEED);
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
