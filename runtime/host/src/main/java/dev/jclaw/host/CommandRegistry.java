package dev.jclaw.host;

import dev.jclaw.api.command.Command;
import dev.jclaw.api.command.CommandContext;
import dev.jclaw.api.command.CommandResult;
import java.util.List;
import java.util.Optional;

/** The slash commands of the active plugins. */
public final class CommandRegistry {
    private final PluginHost host;

    /**
     * A command as {@code /help} lists it.
     *
     * @param name the name, without the slash
     * @param description one line
     * @param pluginId the plugin that offers it
     */
    public record CommandSpec(String name, String description, String pluginId) {
    }

    CommandRegistry(PluginHost host) {
        this.host = host;
    }

    /**
     * Lists the commands, in load order.
     *
     * @return the commands
     */
    public List<CommandSpec> list() {
        return host.registrations().commands().values().stream()
                .map(o -> new CommandSpec(o.value().name(), o.value().description(), o.owner().descriptor().id()))
                .toList();
    }

    /**
     * Runs a command on the caller's thread. An exception from the command becomes a {@link CommandResult.Failed}.
     *
     * @param name the name, without the slash
     * @param context the session and arguments
     * @return the result, or empty when no active plugin offers the command
     */
    public Optional<CommandResult> run(String name, CommandContext context) {
        Optional<Leases.Lease<Command>> lease =
                Leases.acquire(() -> Optional.ofNullable(host.registrations().commands().get(name)));
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (Leases.Lease<Command> call = lease.get()) {
            CommandResult result = call.service().execute(context);
            return Optional.of(result == null ? new CommandResult.Failed("/" + name + " returned nothing") : result);
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(new CommandResult.Failed("/" + name + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }
}
