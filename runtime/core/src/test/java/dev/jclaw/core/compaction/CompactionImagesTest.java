package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.answer;
import static dev.jclaw.core.compaction.Conversations.words;
import static dev.jclaw.core.compaction.ScriptedModel.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.compaction.CompactionOutcome.Compacted;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ImageInputTest;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images in the history being compacted: counted in the budget, named in the summariser's text, never sent to it. */
class CompactionImagesTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("web:alice:chat")).id();
    final WordCounter counter = new WordCounter();
    final ScriptedModel model = new ScriptedModel();
    final Compactor compactor = new Compactor(model, counter, new CompactionSettings(150, 1_000, 100));
    final ImageInput pixel = ImageInputTest.pixel();

    @Test
    void summarises_a_history_with_images_as_text_and_keeps_the_recent_images() {
        store.append(id, new Entry.User(words(100, "photo-question"), List.of(pixel, pixel)));
        store.append(id, answer(words(100, "photo-answer")));
        store.append(id, new Entry.User("", List.of(ImageInput.url("https://example.com/x.png"))));
        store.append(id, answer(words(100, "link-answer")));
        Entry recent = store.append(id, new Entry.User(words(100, "recent"), List.of(pixel)));
        store.append(id, answer(words(100, "recent-answer")));
        List<Entry> before = store.path(id);
        model.then(says("they shared photos"));

        Compacted done = (Compacted) compactor.compact(store, id, "gpt-test", Trigger.BUDGET, "");

        ModelRequest asked = model.requests().getFirst();
        assertThat(asked.messages()).filteredOn(ChatMessage.User.class::isInstance)
                .allSatisfy(m -> assertThat(((ChatMessage.User) m).images()).isEmpty());
        assertThat(ScriptedModel.userText(asked)).contains("photo-question\n[image]\n[image]")
                .contains("[user]\n\n[image]").doesNotContain(pixel.data());
        assertThat(done.tokensBefore()).isEqualTo(HistoryTokens.count(counter, before))
                .isGreaterThan(4 * ImageInput.ESTIMATED_TOKENS);
        List<ChatMessage> seen = Histories.messages(store.path(id));
        assertThat(seen.getFirst()).isEqualTo(new ChatMessage.User(Histories.SUMMARY_HEADING
                + "\nthey shared photos"));
        assertThat(seen).contains(new ChatMessage.User(((Entry.User) recent.body()).text(), List.of(pixel)));
    }

    @Test
    void counts_each_image_at_the_flat_estimate() {
        ChatMessage.User two = new ChatMessage.User("one two three", List.of(pixel, pixel));
        assertThat(HistoryTokens.count(counter, two)).isEqualTo(HistoryTokens.MESSAGE_OVERHEAD + 3
                + 2L * ImageInput.ESTIMATED_TOKENS);
        assertThat(CutPoint.tokens(counter, new Entry.User("one two three", List.of(pixel, pixel))))
                .isEqualTo(HistoryTokens.count(counter, two));
        assertThat(new dev.jclaw.core.context.RequestTokens(counter).message(two))
                .isEqualTo(dev.jclaw.core.context.RequestTokens.PER_MESSAGE + 3 + 2 * ImageInput.ESTIMATED_TOKENS);
    }
}
