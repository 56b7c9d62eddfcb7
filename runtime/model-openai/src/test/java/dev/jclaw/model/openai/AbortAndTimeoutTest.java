package dev.jclaw.model.openai;

import static dev.jclaw.model.openai.FakeProvider.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelException.Kind;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.testkit.model.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Interrupting the caller aborts at once; silence longer than the idle timeout, or a slow whole call, times out. */
class AbortAndTimeoutTest {
    static final Duration PROMPTLY = Duration.ofMillis(150);

    FakeProvider fake;

    @AfterEach
    void stop() {
        fake.server.assertNoProblems();
        fake.close();
    }

    /** Streams on the thread the builder makes, interrupts it once the first chunk arrived, times the abort. */
    Duration abortAfterFirstChunk(Thread.Builder threads) throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = threads.start(() -> {
            try {
                fake.model.stream(hello(), new ModelListener() {
                    @Override
                    public void chunk() {
                        streaming.countDown();
                    }
                });
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        long start = System.nanoTime();
        caller.interrupt();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Nested
    class Interrupting {
        @Test
        void a_virtual_caller_aborts_the_stream_promptly() throws Exception {
            fake = FakeProvider.start();
            fake.server.enqueue(Reply.text("a slow answer, word by word").chunks(10).chunkDelay(Duration.ofSeconds(1)));
            assertThat(abortAfterFirstChunk(Thread.ofVirtual())).isLessThan(PROMPTLY);
        }

        @Test
        void a_platform_caller_aborts_the_stream_promptly_too() throws Exception {
            fake = FakeProvider.start();
            fake.server.enqueue(Reply.text("a slow answer, word by word").chunks(10).chunkDelay(Duration.ofSeconds(1)));
            assertThat(abortAfterFirstChunk(Thread.ofPlatform())).isLessThan(PROMPTLY);
        }

        @Test
        void a_caller_waiting_for_the_first_byte_aborts_promptly() throws Exception {
            fake = FakeProvider.start();
            fake.server.enqueue(Reply.text("late").delay(Duration.ofSeconds(5)));
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    fake.model.stream(hello(), ModelListener.NONE);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            Thread.sleep(300);
            long start = System.nanoTime();
            caller.interrupt();
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        }

        @Test
        void an_aborted_call_leaves_the_client_usable() throws Exception {
            fake = FakeProvider.start();
            fake.server.enqueue(Reply.text("slow").chunks(4).chunkDelay(Duration.ofSeconds(1)), Reply.text("next"));
            abortAfterFirstChunk(Thread.ofVirtual());
            assertThat(fake.stream(hello(), ModelListener.NONE).text()).isEqualTo("next");
        }

        @Test
        void a_platform_caller_hears_every_delta_on_its_own_thread() throws Exception {
            fake = FakeProvider.start();
            fake.server.enqueue(Reply.text("on my thread").chunks(3).reasoning("hmm"));
            FakeProvider.Recording listener = new FakeProvider.Recording();

            ModelResponse response = fake.model.stream(hello(), listener);

            assertThat(response.text()).isEqualTo("on my thread");
            assertThat(String.join("", listener.text)).isEqualTo("on my thread");
            assertThat(listener.threads).isNotEmpty().containsOnly(Thread.currentThread());
        }
    }

    @Nested
    class Timeouts {
        @Test
        void silence_between_chunks_longer_than_the_idle_timeout_is_a_timeout() throws Exception {
            fake = FakeProvider.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300));
            fake.server.enqueue(Reply.text("stalls after the first word").chunks(4).chunkDelay(Duration.ofSeconds(2)));
            long start = System.nanoTime();

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> fake.stream(hello(), ModelListener.NONE));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' sent nothing for 300 ms"
                    + " (idle-timeout-seconds)");
            assertThat(e.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }

        @Test
        void silence_before_the_first_byte_counts_too() throws Exception {
            fake = FakeProvider.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300));
            fake.server.enqueue(Reply.text("late").delay(Duration.ofSeconds(2)));
            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> fake.stream(hello(), ModelListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        }

        @Test
        void a_steady_stream_longer_than_the_idle_timeout_is_fine() throws Exception {
            fake = FakeProvider.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(400));
            fake.server.enqueue(Reply.text("one two three four five").chunks(5).chunkDelay(Duration.ofMillis(150)));
            assertThat(fake.stream(hello(), ModelListener.NONE).text()).isEqualTo("one two three four five");
        }

        @Test
        void a_call_longer_than_the_timeout_is_a_timeout_even_while_chunks_flow() throws Exception {
            fake = FakeProvider.withTimeouts(Duration.ofMillis(700), Duration.ofSeconds(5));
            fake.server.enqueue(Reply.text("one two three four five six").chunks(6).chunkDelay(Duration.ofMillis(200)));
            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> fake.stream(hello(), ModelListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' did not finish within 700 ms"
                    + " (timeout-seconds)");
        }
    }
}
