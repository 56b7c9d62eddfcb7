package dev.jclaw.bench;

import java.util.List;

/** Medians and percentiles of a few runs, as the benchmarks page quotes them. */
final class Stats {
    private Stats() {
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String summary(String what, List<Double> values, String unit) {
        return "%s: median %.1f %s, min %.1f, max %.1f (n=%d)".formatted(what, median(values), unit,
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0), values.size());
    }
}
