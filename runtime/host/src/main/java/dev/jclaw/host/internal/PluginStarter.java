package dev.jclaw.host.internal;

import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.channel.Channel;
import dev.jclaw.api.command.Command;
import dev.jclaw.api.command.CommandProvider;
import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolProvider;
import dev.jclaw.host.PluginLoadException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Starts and stops a plugin's services, each under a deadline, on a thread whose context class loader is the
 * plugin's. After a start overruns its deadline, the plugin's {@code stop()} is called all the same, and a thread that
 * ignores the interrupt is reported as a runaway. Only providers whose module is in the plugin's own layer are taken:
 * {@code ServiceLoader} also walks parent layers.
 */
final class PluginStarter {
    private static final System.Logger LOG = System.getLogger(PluginStarter.class.getName());
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private PluginStarter() {
    }

    static void start(PluginInstance instance, PluginContext context, Duration timeout, Runaways runaways)
            throws PluginLoadException {
        String id = instance.descriptor().id();
        try {
            runWithDeadline(instance, "start", timeout, () -> {
                startServices(instance, context);
                return null;
            });
        } catch (Overrun overrun) {
            // stop() may release what start() waits for; it is owed the call either way
            stopQuietly(instance, timeout, runaways);
            String message = "plugin '" + id + "' did not start within " + timeout.toMillis() + " ms";
            if (runaways.checkAfterInterrupt(overrun.thread)) {
                message += ", and its thread '" + overrun.thread.getName() + "' ignored the interrupt and is still"
                        + " running; remove the plugin and restart the server to end it";
            }
            throw new PluginLoadException(id, message);
        } catch (ExecutionException e) {
            stopQuietly(instance, timeout, runaways);
            Throwable cause = e.getCause();
            if (cause instanceof PluginLoadException refusal) {
                throw refusal;
            }
            throw new PluginLoadException(id, "plugin '" + id + "' failed to start: " + describe(cause), cause);
        }
    }

    static void stopQuietly(PluginInstance instance, Duration timeout, Runaways runaways) {
        List<Plugin> lifecycles = List.copyOf(instance.lifecycles()).reversed();
        if (lifecycles.isEmpty()) {
            return;
        }
        try {
            runWithDeadline(instance, "stop", timeout, () -> {
                for (Plugin plugin : lifecycles) {
                    try {
                        plugin.stop();
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.WARNING, "plugin " + instance + " failed to stop: " + describe(e));
                    }
                }
                return null;
            });
        } catch (Overrun overrun) {
            String still = runaways.checkAfterInterrupt(overrun.thread)
                    ? "; its thread '" + overrun.thread.getName() + "' ignored the interrupt and is still running" : "";
            LOG.log(System.Logger.Level.WARNING, "plugin " + instance + " did not stop within "
                    + timeout.toMillis() + " ms" + still + "; unloading it anyway");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "plugin " + instance + " failed to stop: " + describe(e.getCause()));
        }
    }

    private static void startServices(PluginInstance instance, PluginContext context) throws Exception {
        ModuleLayer layer = instance.layer();
        for (Plugin plugin : own(layer, Plugin.class)) {
            instance.addLifecycle(plugin);
            plugin.start(context);
        }
        instance.toolProviders.addAll(own(layer, ToolProvider.class));
        if (context.services() instanceof PluginServices services) {
            services.toolsChanged().asking();
        }
        instance.tools = askTools(instance.toolProviders, context);
        instance.hooks.addAll(own(layer, Hook.class));
        for (Channel channel : own(layer, Channel.class)) {
            instance.channels.add(channel);
            instance.endpoints.addAll(channel.httpEndpoints(context));
            instance.sockets.addAll(channel.webSocketEndpoints(context));
        }
        for (CommandProvider provider : own(layer, CommandProvider.class)) {
            instance.commands.addAll(provider.commands(context));
        }
        checkNames(instance);
    }

    private static List<Tool> askTools(List<ToolProvider> providers, PluginContext context) {
        List<Tool> tools = new ArrayList<>();
        for (ToolProvider provider : providers) {
            List<Tool> offered = provider.tools(context);
            if (offered == null) {
                throw new IllegalStateException(provider.getClass().getName() + ".tools returned null, not a list");
            }
            tools.addAll(offered);
        }
        return java.util.Collections.unmodifiableList(tools);
    }

    /**
     * Asks a running version's tool providers for their tools again, after it announced a change: on a thread of its
     * own with the plugin's class loader, under the start deadline, with the checks of a start.
     *
     * @param instance the version, inside a call ({@link PluginInstance#tryEnter()}) so that it is not stopped
     *                 meanwhile
     * @param timeout the deadline
     * @param runaways where a thread that ignores the interrupt is counted
     * @return the tools, in the providers' order
     * @throws PluginLoadException naming the plugin, when a provider throws or overruns, or a name is refused
     */
    static List<Tool> refreshTools(PluginInstance instance, Duration timeout, Runaways runaways)
            throws PluginLoadException {
        String id = instance.descriptor().id();
        PluginContext context = instance.context();
        List<ToolProvider> providers = List.copyOf(instance.toolProviders);
        if (context == null) {
            throw new PluginLoadException(id, "plugin '" + id + "' is unloaded");
        }
        List<Tool> tools;
        try {
            tools = runWithDeadline(instance, "tools", timeout, () -> askTools(providers, context));
        } catch (Overrun overrun) {
            String still = runaways.checkAfterInterrupt(overrun.thread)
                    ? ", and its thread '" + overrun.thread.getName() + "' ignored the interrupt and is still running"
                    : "";
            throw new PluginLoadException(id, "plugin '" + id + "' did not list its tools within "
                    + timeout.toMillis() + " ms" + still);
        } catch (ExecutionException e) {
            throw new PluginLoadException(id, "plugin '" + id + "' failed to list its tools: "
                    + describe(e.getCause()), e.getCause());
        }
        checkToolNames(id, tools);
        return tools;
    }

    private static void checkNames(PluginInstance instance) throws PluginLoadException {
        String id = instance.descriptor().id();
        checkToolNames(id, instance.tools);
        for (Command command : instance.commands) {
            if (command.name() == null || !COMMAND_NAME.matcher(command.name()).matches()) {
                throw new PluginLoadException(id, "plugin '" + id + "' offers a command named '" + command.name()
                        + "'; command names are 1-32 lower-case letters, digits or '-'");
            }
        }
    }

    private static void checkToolNames(String id, List<Tool> tools) throws PluginLoadException {
        Set<String> seen = new HashSet<>();
        for (Tool tool : tools) {
            if (tool == null) {
                throw new PluginLoadException(id, "plugin '" + id + "' offers a null tool");
            }
            String name = tool.name();
            if (name == null || !TOOL_NAME.matcher(name).matches()) {
                throw new PluginLoadException(id, "plugin '" + id + "' offers a tool named '" + name
                        + "'; tool names are 1-64 letters, digits, '_' or '-'");
            }
            if (!seen.add(name)) {
                throw new PluginLoadException(id, "plugin '" + id + "' offers the tool '" + name + "' twice");
            }
        }
    }

    private static <S> List<S> own(ModuleLayer layer, Class<S> service) {
        try {
            return ServiceLoader.load(layer, service).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .map(ServiceLoader.Provider::get)
                    .toList();
        } catch (ServiceConfigurationError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot create its " + service.getSimpleName() + ": " + describe(cause), e);
        }
    }

    /**
     * Runs plugin code on a thread of its own under a deadline; past it, interrupts the thread. A platform thread, not
     * a virtual one: code that ignores the interrupt and spins would otherwise hold one of the few carrier threads
     * every virtual thread of the server shares, for good.
     */
    private static <T> T runWithDeadline(PluginInstance instance, String what, Duration timeout,
                                         java.util.concurrent.Callable<T> work) throws Overrun, ExecutionException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = Thread.ofPlatform().daemon().name("plugin-" + instance.descriptor().id() + "-" + what)
                .unstarted(task);
        thread.setContextClassLoader(instance.loader());
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new Overrun(thread);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new ExecutionException("interrupted while waiting for the plugin", e);
        }
    }

    /** Plugin code overran its deadline; its thread was interrupted. */
    private static final class Overrun extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Thread thread;

        Overrun(Thread thread) {
            super(null, null, false, false);
            this.thread = thread;
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
