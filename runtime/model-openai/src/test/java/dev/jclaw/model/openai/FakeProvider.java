package dev.jclaw.model.openai;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.testkit.model.FakeModelServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake model server and the port pointed at it as provider {@code fake} listing model {@code fake-1}. */
final class FakeProvider implements AutoCloseable {
    static final String KEY = "sk-test-secret-0123456789";
    static final String MODEL = "fake-1";

    final FakeModelServer server;
    final OpenAiModel model;

    private FakeProvider(Duration timeout, Duration idleTimeout, int maxOutputTokens) throws IOException {
        server = FakeModelServer.start();
        model = new OpenAiModel(new ModelsConfig(MODEL, Map.of("fake", provider("fake", server, timeout, idleTimeout,
                Map.of(MODEL, new ModelsConfig.Model(MODEL, 8192, maxOutputTokens,
                        Set.of(ModelsConfig.Input.TEXT)))))));
    }

    static FakeProvider start() throws IOException {
        return new FakeProvider(Duration.ofSeconds(10), Duration.ofSeconds(10), 0);
    }

    static FakeProvider withTimeouts(Duration timeout, Duration idleTimeout) throws IOException {
        return new FakeProvider(timeout, idleTimeout, 0);
    }

    static FakeProvider withMaxOutputTokens(int maxOutputTokens) throws IOException {
        return new FakeProvider(Duration.ofSeconds(10), Duration.ofSeconds(10), maxOutputTokens);
    }

    static ModelsConfig.Provider provider(String name, FakeModelServer server, Duration timeout, Duration idleTimeout,
                                          Map<String, ModelsConfig.Model> models) {
        return new ModelsConfig.Provider(name, server.baseUrl(), KEY, timeout, idleTimeout, models);
    }

    static ModelRequest request(List<ChatMessage> messages, List<ToolDefinition> tools) {
        return new ModelRequest(MODEL, "You are a test.", messages, tools, 0, "session-42");
    }

    static ModelRequest hello() {
        return request(List.of(new ChatMessage.User("hello")), List.of());
    }

    /** Streams on a virtual thread, as turns do, and hands back the outcome. */
    ModelResponse stream(ModelRequest request, ModelListener listener) throws ModelException, InterruptedException {
        return onVirtualThread(model, request, listener);
    }

    static ModelResponse onVirtualThread(ModelPort port, ModelRequest request, ModelListener listener)
            throws ModelException, InterruptedException {
        Object[] outcome = new Object[1];
        Thread.ofVirtual().start(() -> {
            try {
                outcome[0] = port.stream(request, listener);
            } catch (Throwable e) {
                outcome[0] = e;
            }
        }).join();
        return switch (outcome[0]) {
            case ModelResponse response -> response;
            case ModelException e -> throw e;
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(outcome[0]);
        };
    }

    @Override
    public void close() {
        model.close();
        server.close();
    }

    /** Records what the port tells a listener, and on which thread. */
    static final class Recording implements ModelListener {
        final List<String> text = new CopyOnWriteArrayList<>();
        final List<String> reasoning = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile int chunks;

        @Override
        public void text(String delta) {
            text.add(delta);
            threads.add(Thread.currentThread());
        }

        @Override
        public void reasoning(String delta) {
            reasoning.add(delta);
            threads.add(Thread.currentThread());
        }

        @Override
        public void chunk() {
            chunks++;
            threads.add(Thread.currentThread());
        }
    }
}
