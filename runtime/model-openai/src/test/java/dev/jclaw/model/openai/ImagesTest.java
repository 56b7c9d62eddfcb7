package dev.jclaw.model.openai;

import static dev.jclaw.model.openai.FakeProvider.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.testkit.model.ContentParts;
import dev.jclaw.testkit.model.Reply;
import dev.jclaw.testkit.model.TestImages;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Images in user messages, through openai-java to the fake server over a real socket. */
class ImagesTest {
    FakeProvider fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.server.assertNoProblems();
        fake.close();
    }

    @Test
    void go_out_as_text_then_image_url_parts_inline_as_data_urls() throws Exception {
        ImageInput big = TestImages.sized("image/jpeg", 2 * 1024 * 1024, 11);
        fake.server.enqueue(Reply.text("a cat"));
        fake.stream(request(List.of(new ChatMessage.User("what is this?", List.of(TestImages.pixel(), big,
                ImageInput.url("https://example.com/cat.webp?x=1&y=%20")))), List.of()), ModelListener.NONE);

        JsonObject user = fake.server.requests().getFirst().messages().getLast();
        assertThat(user.string("role")).isEqualTo("user");
        assertThat(ContentParts.text(user)).isEqualTo("what is this?");
        assertThat(user.optArray("content").orElseThrow().elements()).first().isInstanceOf(JsonObject.class)
                .extracting(p -> ((JsonObject) p).string("type")).isEqualTo("text");
        assertThat(ContentParts.imageUrls(user)).containsExactly("data:image/png;base64," + TestImages.PNG_1X1,
                "data:image/jpeg;base64," + big.data(), "https://example.com/cat.webp?x=1&y=%20");
    }

    @Test
    void go_without_a_text_part_when_the_text_is_empty_and_leave_other_messages_plain() throws Exception {
        fake.server.enqueue(Reply.text("ok"));
        fake.stream(request(List.of(new ChatMessage.User("earlier"),
                new ChatMessage.Assistant("", List.of(new ToolCall("c1", "read", "{}"))),
                new ChatMessage.ToolResult("c1", "read", "text"),
                new ChatMessage.User("", List.of(TestImages.pixel()))), List.of()), ModelListener.NONE);

        List<JsonObject> messages = fake.server.requests().getFirst().messages();
        assertThat(messages.get(1).string("content")).isEqualTo("earlier");
        JsonObject last = messages.getLast();
        assertThat(last.optArray("content").orElseThrow().size()).isEqualTo(1);
        assertThat(ContentParts.imageUrls(last)).containsExactly("data:image/png;base64," + TestImages.PNG_1X1);
    }
}
