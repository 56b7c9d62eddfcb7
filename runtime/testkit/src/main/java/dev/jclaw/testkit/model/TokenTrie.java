package dev.jclaw.testkit.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Token sequences seen so far, as a radix tree: each edge is a slice of one stored sequence, so a thousand long
 * prompts that share prefixes cost one node per divergence, not one per token. Lookup and insertion take time
 * linear in the sequence's length.
 *
 * <p>Not thread-safe; the {@link PrefixCache} guards it.
 */
final class TokenTrie {
    /** An edge into a node, labelled {@code tokens[from, to)}, and the node's children by their first token. */
    private static final class Node {
        final int[] tokens;
        int from;
        final int to;
        final Map<Integer, Node> children = new HashMap<>(4);

        Node(int[] tokens, int from, int to) {
            this.tokens = tokens;
            this.from = from;
            this.to = to;
        }
    }

    private final Node root = new Node(new int[0], 0, 0);

    /**
     * Finds the longest prefix the sequence shares with any sequence added before, then adds it.
     *
     * @param sequence the tokens; kept, not copied, so not to be changed afterwards
     * @return the length of that prefix
     */
    int matchAndAdd(int[] sequence) {
        Node node = root;
        int at = 0;
        while (at < sequence.length) {
            Node child = node.children.get(sequence[at]);
            if (child == null) {
                node.children.put(sequence[at], new Node(sequence, at, sequence.length));
                return at;
            }
            int same = 0;
            int length = child.to - child.from;
            while (same < length && at + same < sequence.length
                    && child.tokens[child.from + same] == sequence[at + same]) {
                same++;
            }
            if (same == length) {
                node = child;
                at += same;
                continue;
            }
            if (at + same < sequence.length) {
                // diverges inside the edge: split it where it does, and hang the rest of the sequence there
                Node split = new Node(child.tokens, child.from, child.from + same);
                child.from += same;
                split.children.put(child.tokens[child.from], child);
                split.children.put(sequence[at + same], new Node(sequence, at + same, sequence.length));
                node.children.put(sequence[at], split);
            }
            return at + same;
        }
        return at;
    }
}
