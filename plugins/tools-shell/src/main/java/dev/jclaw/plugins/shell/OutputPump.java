package dev.jclaw.plugins.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a command into a {@link HeadTailBuffer} on a virtual thread of its own, so that
 * stdout and stderr are read concurrently and a command never blocks on a full pipe. Bytes are decoded as UTF-8;
 * malformed input and control characters other than tab, line feed, carriage return and escape become U+FFFD, so
 * that binary output reaches the model as harmless text.
 */
final class OutputPump {

    static final char REPLACEMENT = '\uFFFD';
    private static final int CHUNK = 64 * 1024;

    private final HeadTailBuffer buffer;
    private final Thread thread;

    private OutputPump(InputStream in, HeadTailBuffer buffer, String name) {
        this.buffer = buffer;
        this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    /**
     * Starts draining a stream.
     *
     * @param in the stream; closed when it ends
     * @param limit characters kept, see {@link HeadTailBuffer}
     * @param name the thread's name, e.g. {@code bash-stdout}
     * @return the running pump
     */
    static OutputPump start(InputStream in, int limit, String name) {
        return new OutputPump(in, new HeadTailBuffer(limit), name);
    }

    /**
     * Waits for the end of the stream.
     *
     * @param timeout how long to wait at most
     * @return whether the stream ended
     * @throws InterruptedException when the calling thread is interrupted
     */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /** Returns the output so far. */
    HeadTailBuffer buffer() {
        return buffer;
    }

    private void drain(InputStream in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        try (in) {
            int n;
            while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                bytes.position(bytes.position() + n);
                bytes.flip();
                decoder.decode(bytes, chars, false);
                bytes.compact(); // keeps a multi-byte sequence split across reads
                flush(chars);
            }
            bytes.flip();
            decoder.decode(bytes, chars, true);
            decoder.flush(chars);
            flush(chars);
        } catch (IOException e) {
            // the stream was closed under us: the output ends here
        }
    }

    private void flush(CharBuffer chars) {
        chars.flip();
        char[] array = chars.array();
        int length = chars.limit();
        for (int i = 0; i < length; i++) {
            char c = array[i];
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b) {
                array[i] = REPLACEMENT;
            }
        }
        buffer.append(array, 0, length);
        chars.clear();
    }
}
