package dev.jclaw.memory.lucene;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bilingual retrieval set in the test resources: facts, and queries that each name the fact they want. */
record RetrievalSet(Map<String, String> facts, List<Query> queries) {
    record Query(String id, String lang, String style, String expected, String text) {
    }

    static RetrievalSet load() throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        List<Query> queries = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RetrievalSet.class.getResourceAsStream("retrieval-set.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.startsWith("kind\t") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c[0].equals("fact")) {
                    facts.put(c[1], c[5]);
                } else {
                    queries.add(new Query(c[1], c[2], c[3], c[4], c[5]));
                }
            }
        }
        for (Query q : queries) {
            if (!facts.containsKey(q.expected())) {
                throw new IllegalStateException(q.id() + " expects the unknown fact " + q.expected());
            }
        }
        return new RetrievalSet(facts, queries);
    }
}
