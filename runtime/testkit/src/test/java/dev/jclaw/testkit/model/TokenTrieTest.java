package dev.jclaw.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenTrieTest {
    final TokenTrie trie = new TokenTrie();

    static int naiveLongestPrefix(List<int[]> earlier, int[] sequence) {
        int best = 0;
        for (int[] e : earlier) {
            int n = 0;
            while (n < e.length && n < sequence.length && e[n] == sequence[n]) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    @Test
    void finds_the_longest_prefix_shared_with_any_earlier_sequence() {
        assertThat(trie.matchAndAdd(new int[] {1, 2, 3, 4})).isZero();
        assertThat(trie.matchAndAdd(new int[] {1, 2, 9})).isEqualTo(2);
        assertThat(trie.matchAndAdd(new int[] {1, 2, 3, 4, 5})).isEqualTo(4);
        assertThat(trie.matchAndAdd(new int[] {1, 2, 9, 9})).isEqualTo(3);
        assertThat(trie.matchAndAdd(new int[] {1})).isEqualTo(1);
        assertThat(trie.matchAndAdd(new int[] {})).isZero();
        assertThat(trie.matchAndAdd(new int[] {7})).isZero();
    }

    @Test
    void agrees_with_a_plain_comparison_against_every_earlier_sequence() {
        Random random = new Random(42);
        List<int[]> earlier = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int[] sequence;
            if (!earlier.isEmpty() && random.nextInt(3) > 0) {
                // grow or branch off an earlier one, as conversations do
                int[] base = earlier.get(random.nextInt(earlier.size()));
                int keep = random.nextInt(base.length + 1);
                sequence = new int[keep + random.nextInt(20)];
                System.arraycopy(base, 0, sequence, 0, keep);
                for (int j = keep; j < sequence.length; j++) {
                    sequence[j] = random.nextInt(3);
                }
            } else {
                sequence = random.ints(random.nextInt(30), 0, 3).toArray();
            }
            assertThat(trie.matchAndAdd(sequence)).as("sequence %d", i)
                    .isEqualTo(naiveLongestPrefix(earlier, sequence));
            earlier.add(sequence);
        }
    }
}
