package dev.jclaw.bench;

import dev.jclaw.model.openai.OpenAiModel;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.PluginJarBuilder;
import dev.jclaw.testkit.model.CacheLedger;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.PrefixCaching;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much of each prompt a provider with automatic prefix caching could serve from its cache, through the whole
 * conversation layer (frozen prefix, history, per-turn context, tool calls) against the fake model server in its
 * prefix-caching mode (longest common prefix with an earlier request, 128-token blocks, from 1,024 tokens).
 *
 * <p>Part 1: a 20-turn session in which every turn makes a tool call, then answers: the share of prompt tokens served
 * from the cache per turn. Part 2: 100 turns in a small context window, so that compaction runs: the model calls
 * compaction cost per 100 turns, and the cache share with compaction in play.
 *
 * <p>Usage: {@code CacheBench}.
 */
public final class CacheBench {
    private static final String[] WORDS = ("the build failed on the staging server after the migration script ran"
            + " twice and the deploy log shows a timeout in the payment service while the cache warmed up again"
            + " we should check the retry policy the database pool size and the alert thresholds before friday")
            .split(" ");

    private CacheBench() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("jclaw-cache-bench");
        System.out.println("part 1: 20 turns, each a tool call then an answer, 128k window");
        run(home.resolve("one"), 128_000, 20, true);
        System.out.println("part 2: 100 turns in a 16k window (compaction)");
        run(home.resolve("two"), 16_000, 100, false);
    }

    private static void run(Path home, int window, int turns, boolean perTurn) throws Exception {
        Files.createDirectories(home);
        Random random = new Random(42);
        AtomicInteger summaries = new AtomicInteger();
        try (FakeModelServer model = FakeModelServer.start()) {
            model.prefixCaching(PrefixCaching.openAi()).recording(false);
            model.otherwise(body -> {
                boolean summarising = body.optArray("tools").map(a -> a.size() == 0).orElse(true);
                if (summarising) {
                    summaries.incrementAndGet();
                    return Reply.text("Summary: " + sentence(random, 120));
                }
                boolean toolResultLast = lastRole(body).equals("tool");
                return toolResultLast ? Reply.text(sentence(random, 150))
                        : Reply.toolCalls().call("call_" + random.nextInt(1_000_000), "lookup",
                                "{\"topic\":\"" + WORDS[random.nextInt(WORDS.length)] + "\"}");
            });
            Files.writeString(home.resolve("jclaw.json"), """
                    {"models": {"default": "fake-1", "providers": {"fake": {"base-url": "%s",
                      "models": {"fake-1": {"context-window": %d}}}}}}""".formatted(model.baseUrl(), window));
            JClawConfig config = ConfigLoader.builder().workingDir(home)
                    .environment(Map.of("JCLAW_HOME", home.toString())).build().load();
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            lookupTool(plugins);
            try (PluginHost host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
                 SessionStore sessions = JdbcSessionStore.h2(config.dataDir())) {
                host.start();
                AgentRuntime runtime = new AgentRuntime(config, host, new OpenAiModel(config.models()), sessions);
                Conversation conversation = runtime.conversation("bench:cache",
                        new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
                Files.writeString(conversation.workspace().resolve("AGENTS.md"), "# Team notes\n"
                        + sentence(random, 400));
                int compactions = 0;
                int before = 0;
                double fromTurnTwoPrompt = 0;
                double fromTurnTwoCached = 0;
                for (int turn = 1; turn <= turns; turn++) {
                    int[] compacted = new int[1];
                    AgentEvent end = conversation.send("Question " + turn + ": " + sentence(random, 60),
                            e -> {
                                if (e instanceof AgentEvent.Compaction c && c.outcome().equals("compacted")) {
                                    compacted[0]++;
                                }
                            }, Approver.DENY_ALL).end().get(60, TimeUnit.SECONDS);
                    if (!(end instanceof AgentEvent.Done)) {
                        throw new IllegalStateException("turn " + turn + " failed: " + end);
                    }
                    compactions += compacted[0];
                    List<CacheLedger.Entry> entries = model.cacheLedger().entries();
                    List<CacheLedger.Entry> mine = entries.subList(before, entries.size());
                    before = entries.size();
                    long prompt = mine.stream().mapToLong(CacheLedger.Entry::promptTokens).sum();
                    long cached = mine.stream().mapToLong(CacheLedger.Entry::cachedTokens).sum();
                    if (turn >= 2) {
                        fromTurnTwoPrompt += prompt;
                        fromTurnTwoCached += cached;
                    }
                    if (perTurn) {
                        System.out.printf("  turn %2d: %d requests, prompt %,d tokens, cached %,d (%.1f%%)%n", turn,
                                mine.size(), prompt, cached, 100.0 * cached / prompt);
                    }
                }
                CacheLedger ledger = model.cacheLedger();
                System.out.printf("  all turns: prompt %,d tokens, cached %,d (%.1f%%); from turn 2 on: %.1f%%%n",
                        ledger.promptTokens(), ledger.cachedTokens(), 100 * ledger.hitRatio(),
                        100 * fromTurnTwoCached / fromTurnTwoPrompt);
                System.out.printf("  compactions: %d, summarisation model calls: %d, turn model calls: %d"
                                + " (%.1f summarisation calls per 100 turns)%n", compactions, summaries.get(),
                        ledger.entries().size() - summaries.get(), 100.0 * summaries.get() / turns);
            }
        }
    }

    private static String lastRole(JsonObject body) {
        // the last message that is not the per-turn context note
        List<dev.jclaw.api.json.JsonValue> messages = body.optArray("messages").orElseThrow().elements();
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = ((JsonObject) messages.get(i)).string("role");
            if (!role.equals("system")) {
                return role;
            }
        }
        return "";
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    /** A plugin with one read tool, {@code lookup}, that answers with a paragraph about the topic. */
    private static void lookupTool(Path plugins) {
        PluginJarBuilder.plugin("bench-tools", "1.0")
                .source("module-info.java", "module bench.tools { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with bench.tools.Tools; }")
                .source("bench/tools/Tools.java", """
                        package bench.tools;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "lookup"; }
                                    public String description() { return "Looks a topic up in the team's notes"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public String parametersSchema() {
                                        return "{\\"type\\":\\"object\\",\\"properties\\":{\\"topic\\":{\\"type\\":\\"string\\"}}}";
                                    }
                                    public ToolResult execute(ToolContext ctx) {
                                        String topic = ctx.arguments().optString("topic").orElse("?");
                                        return ToolResult.ok(("Notes on " + topic + ": ").repeat(40));
                                    }
                                });
                            }
                        }
                        """)
                .build(plugins.resolve("bench-tools.jar"));
    }
}
