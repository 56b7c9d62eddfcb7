package dev.jclaw.bench;

import dev.jclaw.core.model.EstimatedTokens;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.model.openai.BpeTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token estimate against the real encodings on the calibration corpus (the core's test resources), and how fast
 * each counts 100 KB of it.
 *
 * <p>Usage: {@code TokenizerBench <corpus dir> [table|tsv] [rounds]}. {@code table} (the default) prints each
 * sample's error and the speeds; {@code tsv} prints the {@code reference-counts.tsv} that lives beside the corpus,
 * recounted, keeping its held-out marks.
 */
public final class TokenizerBench {
    private static final int SPEED_CHARS = 100_000;

    private TokenizerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0]
                : "runtime/core/src/test/resources/dev/jclaw/core/context/corpus");
        String mode = args.length > 1 ? args[1] : "table";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, Boolean> heldOut = heldOut(corpus.resolveSibling("reference-counts.tsv"));
        Map<String, String> texts = new LinkedHashMap<>();
        try (var files = Files.list(corpus)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                texts.put(p.getFileName().toString(), Files.readString(p).replace("\r\n", "\n"));
            }
        }
        if (mode.equals("tsv")) {
            Path reference = corpus.resolveSibling("reference-counts.tsv");
            if (Files.exists(reference)) {
                Files.readAllLines(reference).stream().filter(l -> l.startsWith("#") && !l.startsWith("# sample"))
                        .forEach(System.out::println);
            }
            printTsv(texts, heldOut);
        } else {
            printTable(texts, heldOut);
            printSpeed(String.join("", texts.values()), rounds);
        }
    }

    private static void printTable(Map<String, String> texts, Map<String, Boolean> heldOut) {
        System.out.printf("%-22s %6s %7s %7s %7s %8s %8s %8s%n", "sample", "chars", "o200k", "cl100k", "est",
                "vs o200k", "vs cl100k", "chars/4");
        List<Double> fitted = new ArrayList<>();
        List<Double> held = new ArrayList<>();
        texts.forEach((name, text) -> {
            int o200k = BpeTokens.O200K_BASE.count(text);
            int cl100k = BpeTokens.CL100K_BASE.count(text);
            int estimate = EstimatedTokens.INSTANCE.count(text);
            double error = error(estimate, o200k);
            (heldOut.getOrDefault(name, true) ? held : fitted).add(Math.abs(error));
            System.out.printf("%-22s %6d %7d %7d %7d %+7.1f%% %+7.1f%% %+7.1f%%%s%n", name, text.length(), o200k,
                    cl100k, estimate, 100 * error, 100 * error(estimate, cl100k), 100 * error(text.length() / 4, o200k),
                    heldOut.getOrDefault(name, true) ? "  (held out)" : "");
        });
        System.out.printf("|error| vs o200k: fitted worst %.1f%% mean %.1f%%, held out worst %.1f%% mean %.1f%%%n",
                100 * max(fitted), 100 * mean(fitted), 100 * max(held), 100 * mean(held));
    }

    private static void printSpeed(String all, int rounds) {
        String text = all.repeat(SPEED_CHARS / all.length() + 1).substring(0, SPEED_CHARS);
        for (TokenCounter counter : List.of(EstimatedTokens.INSTANCE, BpeTokens.O200K_BASE, BpeTokens.CL100K_BASE)) {
            int tokens = counter.count(text);
            int perRound = counter == EstimatedTokens.INSTANCE ? 500 : 10;
            for (int i = 0; i < perRound; i++) {
                counter.count(text);
            }
            List<Double> millis = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    counter.count(text);
                }
                millis.add((System.nanoTime() - start) / 1e6 / perRound);
            }
            double median = Stats.median(millis);
            System.out.printf("%-12s 100 KB (%d tokens): %s; %.1f M chars/s, %.2f M tokens/s%n", counter.name(), tokens,
                    Stats.summary("time", millis, "ms"), SPEED_CHARS / median / 1e3, tokens / median / 1e3);
        }
    }

    private static void printTsv(Map<String, String> texts, Map<String, Boolean> heldOut) {
        System.out.println("# sample\tchars\to200k_base\tcl100k_base\theld-out");
        texts.forEach((name, text) -> System.out.println(name + "\t" + text.length() + "\t"
                + BpeTokens.O200K_BASE.count(text) + "\t" + BpeTokens.CL100K_BASE.count(text) + "\t"
                + (heldOut.getOrDefault(name, true) ? "yes" : "no")));
    }

    private static Map<String, Boolean> heldOut(Path reference) throws Exception {
        Map<String, Boolean> marks = new LinkedHashMap<>();
        if (Files.exists(reference)) {
            for (String line : Files.readAllLines(reference)) {
                String[] f = line.split("\t");
                if (!line.startsWith("#") && f.length >= 5) {
                    marks.put(f[0], f[4].equals("yes"));
                }
            }
        }
        return marks;
    }

    private static double error(int count, int real) {
        return (count - real) / (double) real;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
