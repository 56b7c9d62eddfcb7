package dev.jclaw.bench;

import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.dispatch.ToolPort;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.loop.AgentLoop;
import dev.jclaw.core.loop.Transcript;
import dev.jclaw.core.loop.Turn;
import dev.jclaw.core.loop.TurnLimits;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.model.openai.OpenAiModel;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Framework overhead of a turn: a model step that calls three read tools in parallel, then a text answer, against
 * the fake model server answering at once. Reports per-turn wall time, the part spent outside the model port
 * (loop, dispatch, tools, transcript: the framework), throughput at several concurrencies, and heap and RSS after
 * many sessions.
 *
 * <p>Usage: {@code TurnBench [turnsPerLevel]}.
 */
public final class TurnBench {
    private TurnBench() {
    }

    /** Times the model port so that its share can be taken out of a turn's time. */
    static final class TimedModel implements ModelPort {
        private final ModelPort inner;
        final ThreadLocal<long[]> nanos = ThreadLocal.withInitial(() -> new long[1]);

        TimedModel(ModelPort inner) {
            this.inner = inner;
        }

        @Override
        public ModelResponse stream(ModelRequest request, ModelListener listener)
                throws ModelException, InterruptedException {
            long start = System.nanoTime();
            try {
                return inner.stream(request, listener);
            } finally {
                nanos.get()[0] += System.nanoTime() - start;
            }
        }
    }

    static final class ReadTools implements ToolPort {
        private final List<ToolDefinition> defs = List.of(new ToolDefinition("a", "read a", "{\"type\":\"object\"}"),
                new ToolDefinition("b", "read b", "{\"type\":\"object\"}"),
                new ToolDefinition("c", "read c", "{\"type\":\"object\"}"));

        @Override
        public List<ToolDefinition> definitions() {
            return defs;
        }

        @Override
        public Optional<ToolClass> classOf(String name) {
            return Optional.of(ToolClass.READ);
        }

        @Override
        public Optional<ToolResult> call(String name, ToolContext context) {
            return Optional.of(ToolResult.ok("contents of " + name));
        }
    }

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (FakeModelServer server = FakeModelServer.start()) {
            server.recording(false).otherwise(body -> {
                String last = body.optArray("messages").orElseThrow().elements().getLast().toJson();
                return last.contains("\"role\":\"tool\"") ? Reply.text("done").usage(900, 5, 800)
                        : Reply.toolCalls().call("1", "a", "{}").call("2", "b", "{}").call("3", "c", "{}");
            });
            TimedModel model = new TimedModel(new OpenAiModel(new ModelsConfig("fake", Map.of("fake",
                    new ModelsConfig.Provider("fake", server.baseUrl(), "", Duration.ofSeconds(30), Map.of())))));
            AgentLoop loop = new AgentLoop(model, new ReadTools(), TurnLimits.DEFAULT);
            InMemorySessionStore store = new InMemorySessionStore();
            Path workspace = Files.createTempDirectory("jclaw-turn-bench");
            runLevel(loop, model, store, workspace, 1, Math.min(turns, 500), "warm-up", false);
            for (int concurrency : new int[] {1, 16, 256}) {
                runLevel(loop, model, store, workspace, concurrency, turns, "measured", false);
            }
            runLevel(loop, model, store, workspace, 32, 1000, "1,000 new sessions", true);
            System.gc();
            Thread.sleep(500);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            long rss = rssBytes();
            System.out.printf("after %d sessions: heap used %.0f MB, RSS %.0f MB%n", sessions.get(), heap / 1e6,
                    rss / 1e6);
        }
    }

    static final AtomicLong sessions = new AtomicLong();

    private static void runLevel(AgentLoop loop, TimedModel model, InMemorySessionStore store, Path workspace,
                                 int concurrency, int turns, String label, boolean fresh) throws Exception {
        List<Double> totalMs = Collections.synchronizedList(new ArrayList<>());
        List<Double> overheadMs = Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(Thread.ofVirtual().start(() -> {
                SessionKey key = new SessionKey("bench:" + concurrency + "-" + worker);
                SessionId id = store.current(key).id();
                sessions.incrementAndGet();
                long n;
                while ((n = next.getAndIncrement()) < turns) {
                    if (fresh) {
                        key = new SessionKey("bench:fresh-" + n);
                        id = store.current(key).id();
                        sessions.incrementAndGet();
                    }
                    AtomicLong inModel = new AtomicLong();
                    long t0 = System.nanoTime();
                    Turn turn = new Turn(key.value(), id.value(), "fake", "You are a benchmark.", List.of(),
                            "read a, b and c", workspace, ApprovalPolicy.NEVER, Approver.DENY_ALL,
                            transcript(store, id));
                    // each turn runs on its own virtual thread: read its model time there, at its last event
                    AgentEvent end = loop.start(turn, e -> {
                        if (e instanceof AgentEvent.Done || e instanceof AgentEvent.Failed) {
                            inModel.set(model.nanos.get()[0]);
                        }
                    }).end().join();
                    long total = System.nanoTime() - t0;
                    if (!(end instanceof AgentEvent.Done)) {
                        throw new IllegalStateException("turn failed: " + end);
                    }
                    totalMs.add(total / 1e6);
                    overheadMs.add((total - inModel.get()) / 1e6);
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerTurn = (cpuNanos() - cpuStart) / 1e6 / turns;
        // CPU per turn is what a busy machine cannot distort: the process (model server included) on 2 cores
        System.out.printf("%s, %d concurrent: CPU %.2f ms/turn (%.0f turns/s of 2 cores)%n", label, concurrency,
                cpuMsPerTurn, 2000 / cpuMsPerTurn);
        System.out.printf("%s, %d concurrent: %.0f turns/s; turn p50 %.2f ms p99 %.2f ms; framework overhead"
                        + " p50 %.3f ms p99 %.3f ms (n=%d)%n", label, concurrency, turns / seconds,
                Stats.percentile(totalMs, 50), Stats.percentile(totalMs, 99), Stats.percentile(overheadMs, 50),
                Stats.percentile(overheadMs, 99), totalMs.size());
    }

    private static Transcript transcript(InMemorySessionStore store, SessionId id) {
        return new Transcript() {
            @Override
            public void user(String text, List<ImageInput> images) {
                store.append(id, new Entry.User(text, images));
            }

            @Override
            public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
                store.append(id, new Entry.Assistant(text, reasoning, toolCalls, partial));
            }

            @Override
            public void toolResult(String callId, String tool, String content, boolean error) {
                store.append(id, new Entry.ToolOutput(callId, tool, content, error));
            }
        };
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
