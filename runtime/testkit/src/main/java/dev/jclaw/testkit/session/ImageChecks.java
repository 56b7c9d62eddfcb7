package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.testkit.model.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images in user messages: the part of {@link SessionStoreContract} about what a user sends besides text. */
abstract class ImageChecks {
    private final SessionStoreContract contract;

    ImageChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    static final List<ImageInput> MIXED = List.of(TestImages.pixel(),
            ImageInput.url("https://example.com/a%20cat.jpg?size=large&x='1'"),
            TestImages.sized("image/jpeg", 3_000, 1), TestImages.sized("image/gif", 17, 2),
            TestImages.sized("image/webp", 4_096, 3), new ImageInput("image/png", "", "http://[::1]:8080/p.png"));

    @Test
    void keeps_images_in_order_beside_the_text_and_hands_them_to_the_model() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        Entry.User sent = new Entry.User("what is in these?", MIXED);
        store.append(id, sent);
        store.append(id, new Entry.Assistant("cats", "", List.of(), false));
        store.append(id, new Entry.User("and this one?", List.of(TestImages.pixel())));
        store.append(id, new Entry.User("", List.of(TestImages.pixel())));

        List<Entry> path = store.path(id);
        assertThat(path.getFirst().body()).isEqualTo(sent);
        assertThat(((Entry.User) path.getFirst().body()).images()).containsExactlyElementsOf(MIXED);
        assertThat(Histories.messages(path)).first()
                .isEqualTo(new ChatMessage.User("what is in these?", MIXED));
        assertThat(((Entry.User) path.get(3).body()).images()).containsExactly(TestImages.pixel());
    }

    @Test
    void keeps_large_images_byte_for_byte_and_the_most_a_message_may_carry() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        ImageInput big = TestImages.sized("image/png", 6 * 1024 * 1024 + 1, 42);
        store.append(id, new Entry.User("big", List.of(big)));
        List<ImageInput> many = new java.util.ArrayList<>();
        for (int i = 0; i < ImageInput.MAX_PER_MESSAGE; i++) {
            many.add(TestImages.sized("image/png", 100 + i, i));
        }
        store.append(id, new Entry.User("many", many));
        List<Entry> path = store.path(id);
        ImageInput read = ((Entry.User) path.getFirst().body()).images().getFirst();
        assertThat(read.size()).isEqualTo(big.size());
        assertThat(read.bytes()).isEqualTo(TestImages.raw("image/png", 6 * 1024 * 1024 + 1, 42));
        assertThat(((Entry.User) path.get(1).body()).images()).containsExactlyElementsOf(many);
    }

    @Test
    void loads_only_the_images_of_the_branch_and_forgets_them_with_their_conversation() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        Entry root = store.append(id, new Entry.User("root", List.of(TestImages.sized("image/png", 64, 7))));
        store.append(id, new Entry.User("old branch", List.of(TestImages.sized("image/png", 64, 8))));
        store.moveLeaf(id, root.id());
        Entry fresh = store.append(id, new Entry.User("new branch", List.of(TestImages.sized("image/gif", 64, 9))));
        assertThat(store.path(id)).extracting(Entry::body).containsExactly(root.body(), fresh.body());
        assertThat(store.delete(id)).isTrue();
        SessionId next = store.current(SessionStoreContract.ALICE).id();
        store.append(next, new Entry.User("after", List.of(TestImages.pixel())));
        assertThat(store.path(next)).extracting(Entry::body)
                .containsExactly(new Entry.User("after", List.of(TestImages.pixel())));
    }

    @Test
    void keeps_images_across_a_restart_and_a_crash() throws Exception {
        SessionId id = contract.store.current(SessionStoreContract.ALICE).id();
        Entry.User sent = new Entry.User("look", MIXED);
        contract.store.append(id, sent);

        contract.store = contract.reopen();
        assertThat(contract.store.path(id)).extracting(Entry::body).containsExactly(sent);
        Entry.User next = new Entry.User("and", List.of(TestImages.sized("image/webp", 1_000, 5)));
        contract.store.append(id, next);

        contract.store = contract.crash();
        assertThat(contract.store.path(id)).extracting(Entry::body).containsExactly(sent, next);
    }
}
