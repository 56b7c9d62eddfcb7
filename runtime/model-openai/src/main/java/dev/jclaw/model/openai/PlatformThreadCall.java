package dev.jclaw.model.openai;

import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a request for a platform-thread caller. Interrupting a platform thread does not end a blocking socket read,
 * so the read happens on a virtual thread, whose socket the JDK closes when it is interrupted; the caller waits on
 * a queue, which an interrupt does end, and still receives every listener call on its own thread, as
 * {@link ModelListener} promises. Turns run on virtual threads and never come here.
 */
final class PlatformThreadCall {

    /** The request, run with a listener that forwards to the caller. */
    @FunctionalInterface
    interface Request {
        ModelResponse run(ModelListener forward) throws ModelException, InterruptedException;
    }

    private sealed interface Event {
    }

    private record Text(String delta) implements Event {
    }

    private record Reasoning(String delta) implements Event {
    }

    private record Chunk() implements Event {
    }

    private record Done(ModelResponse response) implements Event {
    }

    private record Failed(Throwable error) implements Event {
    }

    private PlatformThreadCall() {
    }

    static ModelResponse run(Request request, ModelListener listener) throws ModelException, InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ModelListener forward = new ModelListener() {
            @Override
            public void text(String delta) {
                events.add(new Text(delta));
            }

            @Override
            public void reasoning(String delta) {
                events.add(new Reasoning(delta));
            }

            @Override
            public void chunk() {
                events.add(new Chunk());
            }
        };
        Thread reader = Thread.ofVirtual().name("model-stream").start(() -> {
            try {
                events.add(new Done(request.run(forward)));
            } catch (Throwable e) {
                events.add(new Failed(e));
            }
        });
        try {
            while (true) {
                switch (events.take()) {
                    case Text t -> listener.text(t.delta());
                    case Reasoning r -> listener.reasoning(r.delta());
                    case Chunk c -> listener.chunk();
                    case Done d -> {
                        return d.response();
                    }
                    case Failed f -> throw rethrow(f.error());
                }
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            reader.interrupt();
            throw e;
        }
    }

    private static RuntimeException rethrow(Throwable error) throws ModelException, InterruptedException {
        switch (error) {
            case ModelException e -> throw e;
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("unexpected failure of a model request", error);
        }
    }
}
