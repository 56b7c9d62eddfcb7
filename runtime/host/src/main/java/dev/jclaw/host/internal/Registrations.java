package dev.jclaw.host.internal;

import dev.jclaw.api.command.Command;
import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.http.HttpEndpoint;
import dev.jclaw.api.http.WebSocketEndpoint;
import dev.jclaw.api.tool.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of everything the active plugins registered. The host swaps whole snapshots, so a reader
 * always sees one consistent set: a plugin's old version or its new one, never a mix.
 *
 * @param tools tools by name
 * @param hooks hooks in load order
 * @param endpoints HTTP endpoints in load order
 * @param sockets WebSocket endpoints by path
 * @param commands commands by name
 */
public record Registrations(Map<String, Owned<Tool>> tools, List<Owned<Hook>> hooks,
                            List<Owned<HttpEndpoint>> endpoints, Map<String, Owned<WebSocketEndpoint>> sockets,
                            Map<String, Owned<Command>> commands) {

    /** Nothing registered. */
    public static final Registrations EMPTY = new Registrations(Map.of(), List.of(), List.of(), Map.of(), Map.of());

    /** Paths the host serves itself; plugins may not claim them. */
    private static final List<String> RESERVED = List.of("/api", "/health");

    /**
     * A service and the plugin version that offers it.
     *
     * @param owner the plugin version
     * @param value the service
     * @param <T> the service type
     */
    public record Owned<T>(PluginInstance owner, T value) {
    }

    /** Copies into unmodifiable collections. */
    public Registrations {
        tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        hooks = List.copyOf(hooks);
        endpoints = List.copyOf(endpoints);
        sockets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sockets));
        commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
    }

    /**
     * Says why the candidate cannot join, if it cannot.
     *
     * @param candidate the new plugin version
     * @param replacing the version it replaces, whose registrations do not count, or {@code null}
     * @return the reason naming both plugins, or empty
     */
    public Optional<String> conflict(PluginInstance candidate, PluginInstance replacing) {
        String id = candidate.descriptor().id();
        for (Tool tool : candidate.tools) {
            Owned<Tool> taken = tools.get(tool.name());
            if (taken != null && taken.owner() != replacing) {
                return Optional.of("plugin '" + id + "' offers the tool '" + tool.name()
                        + "', which plugin '" + taken.owner().descriptor().id() + "' already provides");
            }
        }
        for (HttpEndpoint endpoint : candidate.endpoints) {
            for (String reserved : RESERVED) {
                String bare = endpoint.path().endsWith("/*")
                        ? endpoint.path().substring(0, endpoint.path().length() - 2) : endpoint.path();
                if (bare.isEmpty() || bare.equals(reserved) || bare.startsWith(reserved + "/")
                        || (endpoint.path().endsWith("/*") && reserved.startsWith(bare + "/"))) {
                    return Optional.of("plugin '" + id + "' claims the path " + endpoint.path()
                            + ", which belongs to the host");
                }
            }
            for (Owned<HttpEndpoint> other : endpoints) {
                if (other.owner() != replacing && other.value().method() == endpoint.method()
                        && other.value().path().equals(endpoint.path())) {
                    return Optional.of("plugin '" + id + "' serves " + endpoint.method() + " " + endpoint.path()
                            + ", which plugin '" + other.owner().descriptor().id() + "' already serves");
                }
            }
        }
        for (WebSocketEndpoint socket : candidate.sockets) {
            Owned<WebSocketEndpoint> taken = sockets.get(socket.path());
            if (taken != null && taken.owner() != replacing) {
                return Optional.of("plugin '" + id + "' serves the websocket " + socket.path()
                        + ", which plugin '" + taken.owner().descriptor().id() + "' already serves");
            }
        }
        for (Command command : candidate.commands) {
            Owned<Command> taken = commands.get(command.name());
            if (taken != null && taken.owner() != replacing) {
                return Optional.of("plugin '" + id + "' offers the command /" + command.name()
                        + ", which plugin '" + taken.owner().descriptor().id() + "' already provides");
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a snapshot without one plugin version and, when given, with another in its place.
     *
     * @param removed the version to drop, or {@code null}
     * @param added the version to add, or {@code null}
     * @return the new snapshot
     */
    public Registrations replace(PluginInstance removed, PluginInstance added) {
        Map<String, Owned<Tool>> newTools = new LinkedHashMap<>();
        tools.forEach((name, owned) -> keep(owned, removed, o -> newTools.put(name, o)));
        List<Owned<Hook>> newHooks = new ArrayList<>();
        hooks.forEach(owned -> keep(owned, removed, newHooks::add));
        List<Owned<HttpEndpoint>> newEndpoints = new ArrayList<>();
        endpoints.forEach(owned -> keep(owned, removed, newEndpoints::add));
        Map<String, Owned<WebSocketEndpoint>> newSockets = new LinkedHashMap<>();
        sockets.forEach((path, owned) -> keep(owned, removed, o -> newSockets.put(path, o)));
        Map<String, Owned<Command>> newCommands = new LinkedHashMap<>();
        commands.forEach((name, owned) -> keep(owned, removed, o -> newCommands.put(name, o)));
        if (added != null) {
            added.tools.forEach(t -> newTools.put(t.name(), new Owned<>(added, t)));
            added.hooks.forEach(h -> newHooks.add(new Owned<>(added, h)));
            added.endpoints.forEach(e -> newEndpoints.add(new Owned<>(added, e)));
            added.sockets.forEach(s -> newSockets.put(s.path(), new Owned<>(added, s)));
            added.commands.forEach(c -> newCommands.put(c.name(), new Owned<>(added, c)));
        }
        return new Registrations(newTools, newHooks, newEndpoints, newSockets, newCommands);
    }

    /**
     * Tells whether another snapshot offers the very same tools: the same names, each by the same plugin version and
     * the same tool object. Compares by identity only, so no plugin code runs: a plugin's own {@code equals} could
     * be slow or throw, and a call from the host into it has been seen to keep the plugin's class loader reachable
     * after it was unloaded.
     *
     * @param other the other snapshot
     * @return whether the tools are the same
     */
    public boolean sameTools(Registrations other) {
        if (tools.size() != other.tools.size()) {
            return false;
        }
        for (Map.Entry<String, Owned<Tool>> entry : tools.entrySet()) {
            Owned<Tool> theirs = other.tools.get(entry.getKey());
            if (theirs == null || theirs.owner() != entry.getValue().owner()
                    || theirs.value() != entry.getValue().value()) {
                return false;
            }
        }
        return true;
    }

    /**
     * What swapping one plugin version's tools gave.
     *
     * @param registrations the new snapshot
     * @param accepted the tools the version offers from now on
     * @param refused why each tool left out was left out, one sentence naming both plugins
     */
    public record ToolSwap(Registrations registrations, List<Tool> accepted, List<String> refused) {
    }

    /**
     * Returns a snapshot in which a registered version offers another tool list, in the place its tools had. A name
     * another plugin already provides stays with it, as at load time, and the version's tool of that name is left
     * out.
     *
     * @param owner the registered version
     * @param offered the tools it offers now, with names already checked
     * @return the new snapshot and what was taken
     */
    public ToolSwap withTools(PluginInstance owner, List<Tool> offered) {
        String id = owner.descriptor().id();
        List<Tool> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Tool tool : offered) {
            Owned<Tool> taken = tools.get(tool.name());
            if (taken != null && taken.owner() != owner) {
                refused.add("plugin '" + id + "' offers the tool '" + tool.name() + "', which plugin '"
                        + taken.owner().descriptor().id() + "' already provides");
            } else {
                accepted.add(tool);
            }
        }
        Map<String, Owned<Tool>> newTools = new LinkedHashMap<>();
        boolean placed = false;
        for (Map.Entry<String, Owned<Tool>> entry : tools.entrySet()) {
            if (entry.getValue().owner() != owner) {
                newTools.put(entry.getKey(), entry.getValue());
            } else if (!placed) {
                accepted.forEach(t -> newTools.put(t.name(), new Owned<>(owner, t)));
                placed = true;
            }
        }
        if (!placed) {
            accepted.forEach(t -> newTools.put(t.name(), new Owned<>(owner, t)));
        }
        return new ToolSwap(new Registrations(newTools, hooks, endpoints, sockets, commands), List.copyOf(accepted),
                List.copyOf(refused));
    }

    private static <T> void keep(Owned<T> owned, PluginInstance removed, java.util.function.Consumer<Owned<T>> sink) {
        if (owned.owner() != removed) {
            sink.accept(owned);
        }
    }
}
