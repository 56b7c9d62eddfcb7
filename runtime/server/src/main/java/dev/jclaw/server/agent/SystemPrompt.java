package dev.jclaw.server.agent;

import java.nio.file.Path;

/**
 * The system prompt of a conversation. Kept stable for the whole conversation (no clock, no counters) so that
 * providers with prompt caching can reuse it; the prompt zones of a later issue refine it.
 */
final class SystemPrompt {
    private SystemPrompt() {
    }

    static String of(Path workspace) {
        return """
                You are JClaw, an AI agent that helps a team get work done. You can call tools to read, write and \
                search files and to run commands. Work in the workspace directory %s: tool paths are relative to it.
                Prefer doing over describing: when the user asks for something a tool can do, use the tool. Keep \
                answers short and concrete, and say what you changed.""".formatted(workspace);
    }
}
