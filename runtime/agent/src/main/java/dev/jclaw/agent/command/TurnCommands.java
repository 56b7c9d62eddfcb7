package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.core.loop.Steering;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.task.TaskId;
import dev.jclaw.core.task.TaskInfo;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.core.task.TaskOwner;
import dev.jclaw.host.ToolSpec;
import java.util.List;
import java.util.Locale;

/** The commands about turns and what runs around them: stop or steer a turn, compact, tools, background tasks. */
final class TurnCommands {
    /** The longest focus text {@code /compact} passes to the summariser. */
    static final int MAX_FOCUS = 1_000;

    private TurnCommands() {
    }

    static List<SlashCommand> all(CommandServices services) {
        return List.of(
                new SlashCommand("stop", "", "stop the running turn; its partial answer is kept", false,
                        (c, args) -> !args.isEmpty() ? new CommandResult.Failed("usage: /stop")
                                : c.stop() ? new CommandResult.Reply("stopping the turn")
                                : new CommandResult.Failed("no turn is running")),
                new SlashCommand("steer", "TEXT", "redirect the running turn from its next step", false,
                        (c, args) -> steer(c, Steering.Kind.STEER, args)),
                new SlashCommand("btw", "QUESTION", "a side question the running turn answers briefly", false,
                        (c, args) -> steer(c, Steering.Kind.ASIDE, args)),
                new SlashCommand("compact", "[focus]", "summarise the older part of this conversation now", true,
                        TurnCommands::compact),
                new SlashCommand("context", "", "what the last turn cost per prompt zone, and the cache hits", false,
                        (c, args) -> args.isEmpty() ? ContextReport.of(c) : new CommandResult.Failed("usage: /context")),
                new SlashCommand("tools", "", "the tools the model may call", false,
                        (c, args) -> args.isEmpty() ? tools(c) : new CommandResult.Failed("usage: /tools")),
                new SlashCommand("tasks", "[cancel ID]", "your background tasks", false,
                        (c, args) -> tasks(services.tasks(), c, args)));
    }

    private static CommandResult steer(CommandTarget c, Steering.Kind kind, String text) {
        if (text.isEmpty()) {
            return new CommandResult.Failed(kind == Steering.Kind.STEER ? "usage: /steer TEXT" : "usage: /btw QUESTION");
        }
        Steering.Offer offer = c.steer(kind, text);
        return offer.accepted() ? new CommandResult.Reply(offer.message()) : new CommandResult.Failed(offer.message());
    }

    private static CommandResult compact(CommandTarget c, String focus) {
        if (focus.length() > MAX_FOCUS) {
            return new CommandResult.Failed("the focus is " + focus.length() + " characters; at most " + MAX_FOCUS);
        }
        return new CommandResult.Reply(c.compact(focus));
    }

    /** Every tool the model is offered, plugins' and built-in (memory) alike, by class. */
    private static CommandResult tools(CommandTarget c) {
        List<ToolSpec> tools = c.tools();
        if (tools.isEmpty()) {
            return new CommandResult.Reply("no tools: no plugin offering tools is active, and memory is off");
        }
        int width = tools.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder(Formats.count(tools.size(), "tool", "tools") + " offered to the model:\n");
        for (ToolClass kind : ToolClass.values()) {
            List<ToolSpec> of = tools.stream().filter(t -> t.toolClass() == kind).toList();
            if (!of.isEmpty()) {
                out.append(kind == ToolClass.READ ? "read-only:\n" : "with side effects (may ask first):\n");
                of.forEach(t -> out.append(String.format("  %-" + width + "s  %s  (%s)%n", t.name(),
                        Formats.preview(t.description(), 70), t.pluginId())));
            }
        }
        return new CommandResult.Reply(out.toString().stripTrailing());
    }

    private static CommandResult tasks(TaskManager tasks, CommandTarget c, String args) {
        TaskOwner owner = TaskOwner.of(new SessionKey(c.key()));
        if (args.isEmpty() || args.equals("list")) {
            List<TaskInfo> mine = tasks.list(owner);
            if (mine.isEmpty()) {
                return new CommandResult.Reply("no background tasks of " + c.key());
            }
            StringBuilder out = new StringBuilder();
            for (TaskInfo t : mine) {
                out.append(String.format("  %-10s %-9s %-10s %s%s%n", t.id().value(),
                        t.state().name().toLowerCase(Locale.ROOT), t.category().value(),
                        t.name(), t.progress().isEmpty() ? "" : " — " + Formats.preview(t.progress(), 60)));
            }
            return new CommandResult.Reply(out.append("/tasks cancel ID stops one.").toString());
        }
        String[] words = args.split("\\s+");
        if (words.length != 2 || !words[0].equals("cancel")) {
            return new CommandResult.Failed("usage: /tasks [cancel ID]");
        }
        TaskId id;
        try {
            id = new TaskId(words[1]);
        } catch (IllegalArgumentException e) {
            return new CommandResult.Failed("no task " + Formats.preview(words[1], 40) + "; /tasks lists yours");
        }
        return new CommandResult.Reply(tasks.cancel(id, owner).message());
    }
}
