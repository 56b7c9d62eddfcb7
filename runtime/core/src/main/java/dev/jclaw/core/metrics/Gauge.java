package dev.jclaw.core.metrics;

import java.util.function.LongSupplier;

/**
 * A value that goes up and down, read when the registry renders, e.g. how many plugin threads ignored an interrupt
 * and still run. Has no labels.
 *
 * <pre>{@code
 * registry.gauge("jclaw_plugin_runaway_threads", "Plugin threads that ignored an interrupt.", host::runawayThreads);
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use, if the supplier is.
 */
public final class Gauge implements Family {
    private final String name;
    private final String help;
    private final LongSupplier value;

    Gauge(String name, String help, LongSupplier value) {
        this.name = name;
        this.help = help;
        this.value = value;
    }

    /** @return the metric name */
    public String name() {
        return name;
    }

    /** @return the value now */
    public long value() {
        return value.getAsLong();
    }

    @Override
    public void render(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(Exposition.escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value()).append('\n');
    }
}
