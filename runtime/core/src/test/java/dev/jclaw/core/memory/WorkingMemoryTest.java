package dev.jclaw.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkingMemoryTest {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final WorkingMemory memory = new WorkingMemory(clock);

    @Test
    void keeps_notes_per_conversation_and_renders_them_escaped() {
        memory.put("s1", "goal", "ship <v2> & celebrate");
        memory.put("s2", "goal", "other");
        assertThat(memory.render("s1")).isEqualTo("<working_memory>\ngoal: ship &lt;v2&gt; &amp; celebrate\n"
                + "</working_memory>");
        assertThat(memory.render("nobody")).isEmpty();
    }

    @Test
    void replaces_a_key_and_removes_it_with_an_empty_value() {
        memory.put("s1", "step", "one");
        memory.put("s1", "step", "two");
        assertThat(memory.notes("s1")).containsExactly(java.util.Map.entry("step", "two"));
        assertThat(memory.put("s1", "step", "")).isEqualTo("removed step");
        assertThat(memory.render("s1")).isEmpty();
    }

    @Test
    void drops_the_oldest_notes_to_stay_within_the_budget() {
        memory.put("s1", "a", "x".repeat(500));
        memory.put("s1", "b", "y".repeat(400));
        String said = memory.put("s1", "c", "z".repeat(300));
        assertThat(said).contains("1 older note was dropped");
        assertThat(memory.notes("s1")).containsOnlyKeys("b", "c");
    }

    @Test
    void forgets_a_conversation_a_week_after_its_last_change() {
        memory.put("s1", "a", "1");
        now = now.plus(WorkingMemory.TTL).minus(Duration.ofMinutes(1));
        assertThat(memory.render("s1")).contains("a: 1");
        now = now.plus(Duration.ofMinutes(2));
        assertThat(memory.render("s1")).isEmpty();
    }

    @Test
    void refuses_bad_keys_and_notes_larger_than_the_budget() {
        assertThatThrownBy(() -> memory.put("s1", " ", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.put("s1", "a\nb", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.put("s1", "k".repeat(65), "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.put("s1", "k", "v".repeat(WorkingMemory.MAX_CHARS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1024");
        assertThat(memory.notes("s1")).isEmpty();
    }
}
