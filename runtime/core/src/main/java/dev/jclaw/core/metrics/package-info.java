/**
 * Counters the runtime keeps about itself (turns, tokens, tool calls, compactions) and gauges read when scraped,
 * rendered in the Prometheus text exposition format 0.0.4 for {@code GET /metrics}. Dependency-free: a
 * {@link dev.jclaw.core.metrics.MetricRegistry} of {@link dev.jclaw.core.metrics.Counter counters}, each with a fixed
 * list of label names, and {@link dev.jclaw.core.metrics.Gauge gauges}.
 */
package dev.jclaw.core.metrics;
