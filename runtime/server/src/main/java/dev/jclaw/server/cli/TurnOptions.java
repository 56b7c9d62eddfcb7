package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.server.http.ConversationRoutes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code jclaw run} and {@code jclaw chat}.
 *
 * @param session the terminal's conversation, {@code cli:<name>}: the gateway's {@code user:admin/cli/<name>} for the
 *                person at this machine, in-process and through a server alike
 * @param workspace the directory the tools work in: {@code --workspace}, else the current directory
 * @param model the model, empty for the default
 * @param yes whether tool calls run without asking
 * @param json whether to print events as JSON lines
 * @param continues whether {@code jclaw run} goes on with the session's current conversation ({@code --continue},
 *                  or a {@code --session} named) instead of starting a new one
 * @param words what is left: the prompt words, or {@code -} for standard input
 */
record TurnOptions(String session, Path workspace, String model, boolean yes, boolean json, boolean continues,
                   List<String> words) {

    static TurnOptions parse(List<String> args, String defaultSession, Path currentDir) throws UsageException {
        String session = defaultSession;
        Path workspace = currentDir;
        String model = "";
        boolean yes = false;
        boolean json = false;
        boolean continues = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--session" -> {
                    session = value(args, ++i, arg);
                    continues = true;
                }
                case "--continue", "-c" -> continues = true;
                case "--workspace" -> workspace = currentDir.resolve(value(args, ++i, arg));
                case "--model" -> model = value(args, ++i, arg);
                case "--yes", "-y" -> yes = true;
                case "--json" -> json = true;
                case "--" -> {
                    words.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    words.add(arg);
                }
            }
        }
        return new TurnOptions(terminalKey(session), workspace, model, yes, json, continues, words);
    }

    /**
     * Reads a {@code --session}: {@code cli:NAME}, or {@code NAME} alone.
     *
     * @return {@code cli:NAME}
     */
    private static String terminalKey(String session) throws UsageException {
        String channel = ConversationRoutes.CHANNEL + ":";
        String name = session.startsWith(channel) ? session.substring(channel.length()) : session;
        try {
            return channel + new ConversationKey(ConversationRoutes.CHANNEL, name).name();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--session takes cli:NAME (or NAME) where " + e.getMessage()
                    .replaceFirst("; got .*", "") + "; got '" + (session.length() > 64 ? session.substring(0, 64)
                    + "…" : session).replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** @return the conversation's name in the terminal's channel: {@code alice} for {@code cli:alice} */
    String conversation() {
        return session.substring(session.indexOf(':') + 1);
    }

    /** @return whether the prompt is to be read from standard input ({@code jclaw run -}) */
    boolean promptFromStdin() {
        return words.equals(List.of("-"));
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
