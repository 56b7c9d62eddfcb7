package dev.jclaw.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
    final MetricRegistry registry = new MetricRegistry();

    @Nested
    class Rendering {
        @Test
        void writes_help_and_type_lines_then_the_series_sorted_by_label_values() {
            Counter turns = registry.counter("jclaw_turns_total", "Turns that ended, by outcome.", "outcome");
            turns.labels("failed");
            turns.inc("done");
            turns.inc("done");
            registry.counter("jclaw_restarts_total", "Restarts.");
            assertThat(registry.render()).isEqualTo("""
                    # HELP jclaw_turns_total Turns that ended, by outcome.
                    # TYPE jclaw_turns_total counter
                    jclaw_turns_total{outcome="done"} 2
                    jclaw_turns_total{outcome="failed"} 0
                    # HELP jclaw_restarts_total Restarts.
                    # TYPE jclaw_restarts_total counter
                    jclaw_restarts_total 0
                    """);
        }

        @Test
        void renders_a_gauge_with_its_value_at_render_time_in_registration_order() {
            long[] runaways = {0};
            registry.counter("jclaw_restarts_total", "Restarts.");
            registry.gauge("jclaw_plugin_runaway_threads", "Runaway plugin threads.", () -> runaways[0]);
            runaways[0] = 2;
            assertThat(registry.render()).endsWith("""
                    # HELP jclaw_plugin_runaway_threads Runaway plugin threads.
                    # TYPE jclaw_plugin_runaway_threads gauge
                    jclaw_plugin_runaway_threads 2
                    """);
            assertThatThrownBy(() -> registry.gauge("jclaw_restarts_total", "again", () -> 0))
                    .hasMessage("a metric named jclaw_restarts_total is already registered");
        }

        @Test
        void joins_several_labels_in_their_declared_order() {
            Counter c = registry.counter("jclaw_compactions_total", "Compactions.", "trigger", "outcome");
            c.labels("overflow", "compacted").add(3);
            assertThat(registry.render()).contains("jclaw_compactions_total{trigger=\"overflow\","
                    + "outcome=\"compacted\"} 3\n");
        }

        @Test
        void escapes_quotes_backslashes_and_newlines_in_hostile_label_values() {
            Counter c = registry.counter("x_total", "X.", "v");
            c.inc("say \"hi\"\\n\nnext_total{v=\"forged\"} 999");
            String line = registry.render().lines().filter(l -> l.startsWith("x_total{")).findFirst().orElseThrow();
            assertThat(line).isEqualTo("x_total{v=\"say \\\"hi\\\"\\\\n\\nnext_total{v=\\\"forged\\\"} 999\"} 1");
            assertThat(registry.render().lines()).hasSize(3).noneMatch(l -> l.startsWith("next_total"));
        }

        @Test
        void escapes_backslashes_and_newlines_in_help_but_not_quotes() {
            registry.counter("y_total", "a \"quoted\" C:\\path\nsecond line");
            assertThat(registry.render().lines().findFirst()).contains(
                    "# HELP y_total a \"quoted\" C:\\\\path\\nsecond line");
        }

        @Test
        void keeps_unicode_label_values_as_they_are() {
            registry.counter("z_total", "Z.", "v").inc("北京 \uD83D\uDE80");
            assertThat(registry.render()).contains("z_total{v=\"北京 \uD83D\uDE80\"} 1");
        }
    }

    @Nested
    class Counting {
        @Test
        void adds_from_many_threads_without_losing_a_count() throws Exception {
            Counter c = registry.counter("n_total", "N.", "k");
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 50; t++) {
                    all.add(pool.submit(() -> {
                        for (int i = 0; i < 1000; i++) {
                            c.inc("a");
                            c.labels("b").add(2);
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
            assertThat(c.labels("a").value()).isEqualTo(50_000);
            assertThat(c.labels("b").value()).isEqualTo(100_000);
        }

        @Test
        void refuses_to_go_down() {
            Counter.Series s = registry.counter("d_total", "D.").labels();
            assertThatThrownBy(() -> s.add(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only goes up");
        }

        @Test
        void refuses_a_wrong_number_of_label_values() {
            Counter c = registry.counter("l_total", "L.", "a", "b");
            assertThatThrownBy(() -> c.labels("only one")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 2 label values [a, b], got 1");
            assertThatThrownBy(() -> c.labels("x", null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Registering {
        @Test
        void refuses_malformed_names_repeated_labels_and_taken_names() {
            assertThatThrownBy(() -> registry.counter("1st_total", "h")).hasMessageContaining("metric name");
            assertThatThrownBy(() -> registry.counter("a-b", "h")).hasMessageContaining("metric name");
            assertThatThrownBy(() -> registry.counter("ok_total", "h", "__reserved"))
                    .hasMessageContaining("label name");
            assertThatThrownBy(() -> registry.counter("ok_total", "h", "bad label"))
                    .hasMessageContaining("label name");
            assertThatThrownBy(() -> registry.counter("ok_total", "h", "k", "k")).hasMessageContaining("twice");
            registry.counter("ok_total", "h");
            assertThatThrownBy(() -> registry.counter("ok_total", "h")).hasMessageContaining("already registered");
        }
    }
}
