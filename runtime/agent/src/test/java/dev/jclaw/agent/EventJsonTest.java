package dev.jclaw.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code jclaw run --json} shape of every event, read back as a terminal client of a server reads it. */
class EventJsonTest {
    @Test
    void reads_back_every_event_it_writes() {
        Usage usage = new Usage(20, 4, 3, 1);
        List<AgentEvent> all = List.of(new AgentEvent.Queued(2),
                new AgentEvent.Retrying(2, 4, Duration.ofMillis(1500), "the provider failed"),
                new AgentEvent.TextDelta("héllo\n\"quoted\""), new AgentEvent.ReasoningDelta("thinking"),
                new AgentEvent.ToolStarted("c1", "note", "{\"a\":1}"),
                new AgentEvent.ToolFinished("c1", "note", ToolResult.ok("noted"), Duration.ofMillis(12)),
                new AgentEvent.ToolFinished("c2", "note", ToolResult.failed("disk full"), Duration.ZERO),
                new AgentEvent.ToolFinished("c3", "note", new ToolResult.Denied("the user said no"), Duration.ZERO),
                new AgentEvent.ApprovalRequested("c4", "bash", "{}", "writes", "ap_1",
                        Instant.parse("2026-01-02T03:04:05Z")),
                new AgentEvent.UsageReported(usage, usage), new AgentEvent.Compaction("budget", "compacted", "done"),
                new AgentEvent.Recalled("L2", "likes tea"), new AgentEvent.Done("answer", usage, 2),
                new AgentEvent.Failed(dev.jclaw.core.event.TurnFailure.ABORTED, "the turn was aborted", "part"));
        for (AgentEvent event : all) {
            assertThat(EventJson.read(Json.parseObject(Json.write(EventJson.of(event))))).isEqualTo(event);
        }
    }

    @Test
    void refuses_what_is_not_an_event_with_one_sentence() {
        for (String bad : List.of("{}", "{\"type\":\"nonsense\"}", "{\"type\":\"queued\"}",
                "{\"type\":\"queued\",\"position\":\"two\"}", "{\"type\":\"text\",\"text\":7}",
                "{\"type\":\"approval_requested\",\"call_id\":\"c\",\"tool\":\"t\",\"arguments\":\"{}\","
                        + "\"reason\":\"r\",\"approval_id\":\"a\",\"deadline\":\"tomorrow\"}")) {
            assertThatThrownBy(() -> EventJson.read(Json.parseObject(bad))).as(bad).isInstanceOf(JsonException.class);
        }
    }
}
