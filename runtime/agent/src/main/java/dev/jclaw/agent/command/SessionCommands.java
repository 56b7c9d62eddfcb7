package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.process.SandboxStatus;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The commands about a conversation as a whole: start a new one, look at it, go back to an earlier one, its model. */
final class SessionCommands {
    /** How many conversations {@code /history} lists, and {@code /resume} without arguments. */
    static final int HISTORY = 10;
    static final int RESUME_LIST = 5;

    private SessionCommands() {
    }

    static List<SlashCommand> all(CommandServices services) {
        SessionExport export = new SessionExport(services.clock());
        return List.of(
                new SlashCommand("new", "[message]", "start a new conversation; the old one stays in /history", true,
                        (c, args) -> rotated(c, "new conversation")),
                new SlashCommand("reset", "[message]", "the same as /new", true,
                        (c, args) -> rotated(c, "conversation reset")),
                new SlashCommand("status", "", "this conversation: id, size, model, workspace, turn", false,
                        (c, args) -> args.isEmpty() ? status(c, services.host().sandbox().status())
                                : new CommandResult.Failed("usage: /status")),
                new SlashCommand("history", "", "this address's conversations, newest first", false,
                        (c, args) -> args.isEmpty() ? history(c) : new CommandResult.Failed("usage: /history")),
                new SlashCommand("resume", "[number|id]", "go back to an earlier conversation", true,
                        SessionCommands::resume),
                new SlashCommand("model", "[name]", "show the models, or use another from the next message", false,
                        (c, args) -> model(services.models(), c, args)),
                new SlashCommand("export", "markdown|json [inline]", "write this conversation to exports/ in the"
                        + " workspace", true, export::run));
    }

    private static CommandResult rotated(CommandTarget c, String what) {
        c.rotate();
        return new CommandResult.Reply(what + " " + Formats.shortId(c.header())
                + "; the previous one stays listed in /history");
    }

    private static CommandResult status(CommandTarget c, SandboxStatus sandbox) {
        SessionHeader header = c.header();
        int entries = c.entries(header.id()).size();
        return new CommandResult.Reply("session key:  " + c.key()
                + "\nconversation: " + header.id().value() + header.title().map(t -> " \"" + t + "\"").orElse("")
                + "\nstarted:      " + Formats.time(header.created()) + ", " + entries + " entr"
                + (entries == 1 ? "y" : "ies")
                + "\nmodel:        " + display(c.model())
                + "\nworkspace:    " + c.workspace()
                + "\nturn:         " + (c.turnRunning() ? "running (/stop stops it)" : "idle")
                + "\nsandbox:      " + sandbox.describe());
    }

    private static CommandResult history(CommandTarget c) {
        List<SessionHeader> all = c.sessions();
        String current = c.header().id().value();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(HISTORY, all.size()); i++) {
            SessionHeader h = all.get(i);
            int entries = c.entries(h.id()).size();
            out.append(String.format("%2d. %s  %s  %d entr%s%s%s%n", i + 1, Formats.shortId(h),
                    Formats.time(h.created()), entries, entries == 1 ? "y" : "ies",
                    h.title().map(t -> "  " + Formats.preview(t, 60)).orElse(""),
                    h.id().value().equals(current) ? "  (current)" : ""));
        }
        if (all.size() > HISTORY) {
            out.append("… and ").append(all.size() - HISTORY).append(" older\n");
        }
        return new CommandResult.Reply(out.append("/resume NUMBER goes back to one.").toString());
    }

    private static CommandResult resume(CommandTarget c, String args) {
        List<SessionHeader> all = c.sessions();
        if (args.isEmpty()) {
            CommandResult listed = history(c);
            return all.size() <= 1 ? new CommandResult.Reply("this is the only conversation at " + c.key()) : listed;
        }
        Optional<SessionHeader> target;
        if (args.matches("[0-9]{1,2}")) {
            int n = Integer.parseInt(args);
            if (n < 1 || n > Math.min(HISTORY, all.size())) {
                return new CommandResult.Failed("no conversation number " + n + "; /history lists "
                        + Math.min(HISTORY, all.size()));
            }
            target = Optional.of(all.get(n - 1));
        } else if (args.matches("[0-9a-zA-Z_-]{4,64}")) {
            List<SessionHeader> matching = all.stream().filter(h -> h.id().value().startsWith(args)).toList();
            if (matching.size() > 1) {
                return new CommandResult.Failed(matching.size() + " conversations start with " + args
                        + "; give more of the id or its number in /history");
            }
            target = matching.stream().findFirst();
        } else {
            return new CommandResult.Failed("usage: /resume [number|id] — a number from /history or the start of"
                    + " an id (4 or more letters and digits)");
        }
        if (target.isEmpty()) {
            return new CommandResult.Failed("no conversation " + args + " at " + c.key() + "; /history lists them");
        }
        SessionHeader resumed = c.resume(target.get().id()).orElse(null);
        if (resumed == null) {
            return new CommandResult.Failed("conversation " + args + " is gone");
        }
        StringBuilder out = new StringBuilder("resumed " + Formats.shortId(resumed) + " from "
                + Formats.time(resumed.created()));
        List<Entry> entries = c.entries(resumed.id());
        List<String> said = entries.stream().map(e -> switch (e.body()) {
            case Entry.User u -> "you: " + Formats.preview(u.text(), 80)
                    + (u.images().isEmpty() ? "" : " [" + u.images().size() + (u.images().size() == 1 ? " image]"
                            : " images]"));
            case Entry.Assistant a when !a.text().isBlank() -> "agent: " + Formats.preview(a.text(), 80);
            default -> "";
        }).filter(s -> !s.isEmpty()).toList();
        said.subList(Math.max(0, said.size() - RESUME_LIST), said.size()).forEach(s -> out.append("\n  ").append(s));
        return new CommandResult.Reply(out.toString());
    }

    private static CommandResult model(ModelsConfig models, CommandTarget c, String name) {
        if (name.isEmpty()) {
            StringBuilder out = new StringBuilder("model: " + display(c.model()));
            if (!models.configured()) {
                return new CommandResult.Reply(out.append("\nno provider is configured: ")
                        .append(ModelsConfig.HOW_TO_CONFIGURE).toString());
            }
            for (Map.Entry<String, ModelsConfig.Provider> p : models.providers().entrySet()) {
                out.append("\n").append(p.getKey()).append(":");
                if (p.getValue().models().isEmpty()) {
                    out.append(" any model name the endpoint serves");
                }
                p.getValue().models().values().forEach(m -> out.append("\n  ").append(m.id()).append("  ")
                        .append(m.contextWindow()).append(" tokens").append(m.takesImages() ? ", images" : ""));
            }
            return new CommandResult.Reply(out.append("\n/model NAME switches from the next message on.").toString());
        }
        if (!models.configured()) {
            return new CommandResult.Failed("no provider is configured: " + ModelsConfig.HOW_TO_CONFIGURE);
        }
        if (name.length() > SessionHeader.MAX_NAME || !name.matches("[\\p{Alnum}._:/@+-]+")) {
            return new CommandResult.Failed("usage: /model NAME — a model name such as gpt-4o-mini or"
                    + " provider/model, without spaces");
        }
        if (models.route(name).isEmpty()) {
            return new CommandResult.Failed("no configured provider serves " + name + "; /model lists them");
        }
        c.useModel(name);
        return new CommandResult.Reply("the next message goes to " + name);
    }

    private static String display(String model) {
        return model.isEmpty() ? "(none configured)" : model;
    }
}
