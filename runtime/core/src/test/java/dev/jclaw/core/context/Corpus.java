package dev.jclaw.core.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The calibration corpus: mixed English, Chinese, Japanese, Korean, Russian and code, with measured BPE counts. */
record Corpus(String name, String text, int o200k, int cl100k, boolean heldOut) {

    static List<Corpus> samples() {
        return read("reference-counts.tsv").lines().filter(l -> !l.startsWith("#")).map(line -> {
            String[] f = line.split("\t");
            return new Corpus(f[0], read("corpus/" + f[0]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    f[4].equals("yes"));
        }).toList();
    }

    /** Relative error of a count against o200k_base. */
    double error(int count) {
        return (count - o200k) / (double) o200k;
    }

    private static String read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
