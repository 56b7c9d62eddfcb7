package dev.jclaw.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader as the model client met it before it moved here: each case its own test. */
class SseReaderTest {

    private static List<SseReader.Event> read(String body) throws IOException {
        SseReader events = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> all = new ArrayList<>();
        for (Optional<SseReader.Event> e = events.next(); e.isPresent(); e = events.next()) {
            all.add(e.get());
        }
        return all;
    }

    @Test
    void reads_data_lines_ended_by_a_blank_line() throws IOException {
        assertThat(read("data: {\"a\":1}\n\ndata: [DONE]\n\n")).containsExactly(
                new SseReader.Event("message", "{\"a\":1}"), new SseReader.Event("message", "[DONE]"));
    }

    @Test
    void accepts_crlf_and_cr_line_ends_and_data_without_a_space() throws IOException {
        assertThat(read("data:{\"a\":1}\r\n\r\ndata: x\r\r")).extracting(SseReader.Event::data)
                .containsExactly("{\"a\":1}", "x");
    }

    @Test
    void joins_several_data_lines_with_newlines() throws IOException {
        assertThat(read("data: one\ndata: two\n\n")).extracting(SseReader.Event::data).containsExactly("one\ntwo");
    }

    @Test
    void skips_comments_unknown_fields_and_blank_runs() throws IOException {
        assertThat(read(": keep-alive\n\n\n\nid: 7\nretry: 10\ndata: x\n\n")).extracting(SseReader.Event::data)
                .containsExactly("x");
    }

    @Test
    void keeps_the_event_type_for_one_event_only() throws IOException {
        assertThat(read("event: error\ndata: {\"message\":\"boom\"}\n\ndata: y\n\n")).containsExactly(
                new SseReader.Event("error", "{\"message\":\"boom\"}"), new SseReader.Event("message", "y"));
    }

    @Test
    void a_last_event_without_its_blank_line_still_counts() throws IOException {
        assertThat(read("data: tail")).extracting(SseReader.Event::data).containsExactly("tail");
    }

    @Test
    void reads_multibyte_text_whole() throws IOException {
        assertThat(read("data: 你好，世界 🌍\n\n")).extracting(SseReader.Event::data).containsExactly("你好，世界 🌍");
    }

    @Test
    void refuses_an_event_larger_than_the_cap() {
        String line = "data: " + "x".repeat(64 * 1024) + "\n";
        String body = line.repeat(SseReader.MAX_EVENT_CHARS / (64 * 1024) + 2) + "\n";
        assertThatThrownBy(() -> read(body)).isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }
}
