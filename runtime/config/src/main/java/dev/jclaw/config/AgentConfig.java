package dev.jclaw.config;

import java.time.Duration;

/**
 * How turns run: {@code agent} in {@code jclaw.json}.
 *
 * @param approval which tool calls ask first: {@code never}, {@code writes} or {@code all}
 * @param maxSteps the most model requests in one turn
 * @param turnTimeout the longest a turn may take
 * @param idleTimeout the longest gap between two chunks of a model's answer
 * @param toolTimeout the longest one tool call may take
 * @param toolOutputChars the most characters of one tool result the model reads
 */
public record AgentConfig(String approval, int maxSteps, Duration turnTimeout, Duration idleTimeout,
                          Duration toolTimeout, int toolOutputChars) {
}
