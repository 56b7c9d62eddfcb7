package dev.jclaw.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The counters and gauges of one runtime, rendered for a Prometheus scrape. Families are rendered in registration
 * order, each with its {@code # HELP} and {@code # TYPE} lines, its series sorted by label values.
 *
 * <pre>{@code
 * MetricRegistry registry = new MetricRegistry();
 * Counter tokens = registry.counter("jclaw_tokens_total", "Tokens the providers reported, by kind.", "kind");
 * tokens.labels("input").add(1200);
 * String body = registry.render();   // serve with CONTENT_TYPE
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class MetricRegistry {
    /** The content type of {@link #render()}: the text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new LinkedHashMap<>(); // guarded by this

    /** Creates an empty registry. */
    public MetricRegistry() {
    }

    /**
     * Registers a counter.
     *
     * @param name the metric name, letters, digits, {@code _} and {@code :}; by convention ending in {@code _total}
     * @param help one line saying what it counts (escaped on output, so any text is safe)
     * @param labelNames its label names, fixed from now on; letters, digits and {@code _}, not starting with
     *                   {@code __}
     * @return the counter
     * @throws IllegalArgumentException when a name is malformed, a label name repeats, or the name is taken
     */
    public synchronized Counter counter(String name, String help, String... labelNames) {
        Objects.requireNonNull(help, "help");
        Exposition.metricName(name);
        List<String> labels = new ArrayList<>(labelNames.length);
        for (String label : labelNames) {
            if (labels.contains(Exposition.labelName(label))) {
                throw new IllegalArgumentException("label '" + label + "' appears twice in " + name);
            }
            labels.add(label);
        }
        Counter counter = new Counter(name, help, labels);
        add(name, counter);
        return counter;
    }

    /**
     * Registers a gauge, whose value is read at each render.
     *
     * @param name the metric name, letters, digits, {@code _} and {@code :}
     * @param help one line saying what it measures
     * @param value gives the current value; called on the rendering thread, so it must be quick and thread-safe
     * @return the gauge
     * @throws IllegalArgumentException when the name is malformed or taken
     */
    public synchronized Gauge gauge(String name, String help, java.util.function.LongSupplier value) {
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(value, "value");
        Gauge gauge = new Gauge(Exposition.metricName(name), help, value);
        add(name, gauge);
        return gauge;
    }

    private void add(String name, Family family) {
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("a metric named " + name + " is already registered");
        }
        families.put(name, family);
    }

    /** @return every family and series in the text exposition format 0.0.4 */
    public String render() {
        List<Family> all;
        synchronized (this) {
            all = List.copyOf(families.values());
        }
        StringBuilder out = new StringBuilder(256 * Math.max(1, all.size()));
        for (Family family : all) {
            family.render(out);
        }
        return out.toString();
    }
}
