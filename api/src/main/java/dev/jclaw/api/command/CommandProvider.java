package dev.jclaw.api.command;

import dev.jclaw.api.PluginContext;
import java.util.List;

/**
 * The service a plugin provides to add slash commands.
 *
 * <pre>{@code
 * public final class DiceCommands implements CommandProvider {
 *     public List<Command> commands(PluginContext context) { return List.of(new RollCommand()); }
 * }
 * // module-info: provides dev.jclaw.api.command.CommandProvider with com.example.DiceCommands;
 * }</pre>
 *
 * @since 0.1
 */
public interface CommandProvider {

    /**
     * Returns the commands this plugin offers.
     *
     * @param context the plugin's context
     * @return the commands
     */
    List<Command> commands(PluginContext context);
}
