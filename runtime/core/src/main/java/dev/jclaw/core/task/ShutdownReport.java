package dev.jclaw.core.task;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TaskManager#shutdown(Duration)} found: which tasks ended within the grace period and which it cut.
 *
 * @param finished tasks that were running at shutdown and ended within the grace period, in submission order
 * @param cut tasks it stopped, in submission order: queued ones (dropped without starting) and running ones
 *     (interrupted after the grace period); a cut task still {@link TaskState#RUNNING} ignored its interruption
 * @param took how long the shutdown took
 */
public record ShutdownReport(List<TaskInfo> finished, List<TaskInfo> cut, Duration took) {
    /** Copies the lists. */
    public ShutdownReport {
        finished = List.copyOf(finished);
        cut = List.copyOf(cut);
        Objects.requireNonNull(took, "took");
    }

    /** @return the cut tasks whose threads had not ended when the shutdown returned */
    public List<TaskInfo> lingering() {
        return cut.stream().filter(t -> !t.state().isFinished()).toList();
    }

    /** @return a summary for the log, e.g. {@code 3 tasks drained, 1 cut: archive cli:alice (cli:alice)} */
    public String summary() {
        StringBuilder out = new StringBuilder().append(finished.size())
                .append(finished.size() == 1 ? " task drained, " : " tasks drained, ")
                .append(cut.size()).append(" cut");
        for (int i = 0; i < cut.size(); i++) {
            TaskInfo t = cut.get(i);
            out.append(i == 0 ? ": " : ", ").append(t.name()).append(" (").append(t.owner()).append(')');
        }
        return out.toString();
    }
}
