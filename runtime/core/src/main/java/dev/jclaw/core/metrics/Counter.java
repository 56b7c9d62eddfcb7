package dev.jclaw.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonic count with a fixed list of label names, one series per combination of label values. Label values
 * must come from a small, bounded set (an outcome code, a token kind), never from user input such as a session key:
 * every combination ever used is kept and rendered until the process ends.
 *
 * <pre>{@code
 * Counter turns = registry.counter("jclaw_turns_total", "Turns that ended, by outcome.", "outcome");
 * Counter.Series done = turns.labels("done");   // resolve once, then count without a lookup
 * done.inc();
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use; counting does not lock.
 */
public final class Counter implements Family {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        if (labelNames.isEmpty()) {
            labels(); // a counter without labels shows 0 before its first count
        }
    }

    /** @return the metric name, e.g. {@code jclaw_turns_total} */
    public String name() {
        return name;
    }

    /** @return the label names, in the order {@link #labels} takes their values */
    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * Returns the series of one combination of label values, creating it at 0 (so it is rendered from now on).
     *
     * @param values one value per label name, in order; any text
     * @return the series
     * @throws IllegalArgumentException when the number of values differs from the number of label names
     */
    public Series labels(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes " + labelNames.size() + " label values "
                    + labelNames + ", got " + values.length);
        }
        List<String> key = List.of(values); // also refuses null values
        return series.computeIfAbsent(key, Series::new);
    }

    /**
     * Adds one to a series.
     *
     * @param values its label values, as for {@link #labels}
     */
    public void inc(String... values) {
        labels(values).inc();
    }

    @Override
    public void render(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(Exposition.escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        List<Series> sorted = new ArrayList<>(series.values());
        sorted.sort(Counter::byLabelValues);
        for (Series s : sorted) {
            out.append(name);
            if (!labelNames.isEmpty()) {
                out.append('{');
                for (int i = 0; i < labelNames.size(); i++) {
                    out.append(i == 0 ? "" : ",").append(labelNames.get(i)).append("=\"")
                            .append(Exposition.escapeLabelValue(s.values.get(i))).append('"');
                }
                out.append('}');
            }
            out.append(' ').append(s.value()).append('\n');
        }
    }

    private static int byLabelValues(Series a, Series b) {
        for (int i = 0; i < a.values.size(); i++) {
            int c = a.values.get(i).compareTo(b.values.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One combination of label values and its count. */
    public static final class Series {
        private final List<String> values;
        private final LongAdder count = new LongAdder();

        private Series(List<String> values) {
            this.values = values;
        }

        /** Adds one. */
        public void inc() {
            count.increment();
        }

        /**
         * Adds an amount.
         *
         * @param amount zero or more
         * @throws IllegalArgumentException when the amount is negative: a counter never goes down
         */
        public void add(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter only goes up; got " + amount);
            }
            count.add(amount);
        }

        /** @return the count so far */
        public long value() {
            return count.sum();
        }

        @Override
        public String toString() {
            return values + "=" + value();
        }
    }
}
