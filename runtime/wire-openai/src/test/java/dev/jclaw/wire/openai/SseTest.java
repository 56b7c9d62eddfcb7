package dev.jclaw.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseTest {
    static List<SseReader.Event> readAll(InputStream in, int cap) throws IOException {
        SseReader reader = new SseReader(in, cap);
        List<SseReader.Event> events = new ArrayList<>();
        for (Optional<SseReader.Event> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }

    static List<SseReader.Event> readAll(String text) throws IOException {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), SseReader.MAX_EVENT_CHARS);
    }

    /** Hands out one byte per read, so frames arrive in the smallest pieces. */
    static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };
    }

    @Test
    void what_the_writer_writes_the_reader_reads_back() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out, false);
        writer.event("{\"a\":1}");
        writer.comment("keep-alive");
        writer.event("two\nlines\r\nand\rthree");
        writer.done();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("data: {\"a\":1}\n\n: keep-alive\n\n"
                + "data: two\ndata: lines\ndata: and\ndata: three\n\ndata: [DONE]\n\n");
        List<SseReader.Event> events = readAll(trickle(out.toByteArray()), 100);
        assertThat(events).extracting(SseReader.Event::data).containsExactly("{\"a\":1}", "two\nlines\nand\nthree",
                "[DONE]");
        assertThat(events.getLast().done()).isTrue();
        assertThatThrownBy(() -> writer.comment("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reads_crlf_cr_comments_event_types_and_a_last_event_without_its_blank_line() throws IOException {
        List<SseReader.Event> events = readAll(": hello\r\n\r\nevent: error\r\ndata:{\"x\"}\r\n\r\n"
                + "id: 3\rretry: 10\rdata: é 中\r\rdata\n\ndata: tail");
        assertThat(events).containsExactly(new SseReader.Event("error", "{\"x\"}"),
                new SseReader.Event("message", "é 中"), new SseReader.Event("message", ""),
                new SseReader.Event("message", "tail"));
    }

    @Test
    void a_cr_at_the_end_of_one_read_and_lf_at_the_start_of_the_next_is_one_line_end() throws IOException {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(trickle(bytes), 100)).extracting(SseReader.Event::data).containsExactly("a", "b");
    }

    @Test
    void an_endless_line_or_event_fails_instead_of_growing() {
        assertThatThrownBy(() -> readAll(trickle(("data: " + "x".repeat(500)).getBytes(StandardCharsets.UTF_8)), 100))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than 100 characters");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(("data: " + "x".repeat(60) + "\ndata: "
                + "y".repeat(60) + "\n\n").getBytes(StandardCharsets.UTF_8)), 100))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 100 characters");
    }
}
