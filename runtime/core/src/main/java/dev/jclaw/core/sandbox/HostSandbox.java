package dev.jclaw.core.sandbox;

import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.process.SandboxCommand;
import dev.jclaw.api.process.SandboxRefusedException;
import dev.jclaw.api.process.SandboxStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's {@link ProcessSandbox}: bubblewrap when it is enabled and works here (checked once, when this is
 * made), else nothing, or a refusal when the sandbox is required. Every process, confined or not, is started from
 * the {@link Spawner}'s thread and put on the {@link Lifeline}, so that it dies with the JVM.
 */
public final class HostSandbox implements ProcessSandbox {

    private final SandboxStatus status;
    private final Optional<Path> bwrap;
    private final SandboxPaths paths;
    private final boolean network;

    private HostSandbox(SandboxStatus status, Optional<Path> bwrap, SandboxPaths paths, boolean network) {
        this.status = status;
        this.bwrap = bwrap;
        this.paths = paths;
        this.network = network;
    }

    /**
     * Looks for bwrap in the usual places ({@code /usr/bin}, {@code /bin}, {@code /usr/local/bin}), then on the
     * {@code PATH}.
     *
     * @param environment the environment, for its {@code PATH}
     * @return the executable, when there is one
     */
    public static Optional<Path> findBwrap(Map<String, String> environment) {
        return Bubblewrap.locate(environment.getOrDefault("PATH", ""));
    }

    /**
     * Makes a sandbox and decides its status, starting a sandbox once to see whether bwrap works here.
     *
     * @param settings the configuration
     * @param paths what to hide and what to leave writable
     * @param bwrap the bwrap executable, empty when there is none
     * @return the sandbox
     */
    public static HostSandbox create(SandboxSettings settings, SandboxPaths paths, Optional<Path> bwrap) {
        Objects.requireNonNull(paths, "paths");
        if (!settings.enabled()) {
            String why = "switched off by sandbox.enabled";
            return new HostSandbox(settings.required() ? new SandboxStatus.Unavailable(why, true)
                    : new SandboxStatus.Off(why), Optional.empty(), paths, false);
        }
        if (bwrap.isEmpty()) {
            return new HostSandbox(new SandboxStatus.Unavailable("bwrap is not installed; install the package "
                    + "bubblewrap", settings.required()), bwrap, paths, false);
        }
        List<String> probe = new ArrayList<>();
        probe.add(bwrap.get().toString());
        probe.addAll(MountPlan.BASE);
        if (!settings.network()) {
            probe.add("--unshare-net");
        }
        probe.add("true");
        Optional<String> failure = Bubblewrap.probe(probe);
        if (failure.isPresent()) {
            return new HostSandbox(new SandboxStatus.Unavailable(failure.get(), settings.required()), bwrap, paths,
                    false);
        }
        String summary = Bubblewrap.version(bwrap.get()) + ", network " + (settings.network() ? "on" : "off")
                + ", " + paths.hidden().size() + " paths hidden where they exist";
        return new HostSandbox(new SandboxStatus.Active(summary, settings.network()), bwrap, paths, settings.network());
    }

    @Override
    public SandboxStatus status() {
        return status;
    }

    @Override
    public List<String> confine(SandboxCommand command) throws SandboxRefusedException {
        return switch (status) {
            case SandboxStatus.Active active -> {
                List<String> line = new ArrayList<>();
                line.add(bwrap.orElseThrow().toString());
                line.addAll(MountPlan.options(paths.hidden(), paths.writableDirectories(), command.workingDirectory(),
                        network && command.network()));
                line.add("--");
                line.addAll(command.argv());
                yield line;
            }
            case SandboxStatus.Unavailable unavailable when unavailable.required() -> throw new SandboxRefusedException(
                    "The command was refused because sandbox.required is true and the sandbox is unavailable ("
                            + unavailable.reason() + "); make bubblewrap work (see docs/sandbox.md) or set "
                            + "sandbox.required to false.");
            case SandboxStatus.Unavailable unavailable -> command.argv();
            case SandboxStatus.Off off -> command.argv();
        };
    }

    @Override
    public Process start(ProcessBuilder builder) throws IOException {
        Process process = Spawner.start(builder);
        Lifeline.get().ifPresent(lifeline -> lifeline.register(process));
        return process;
    }

    @Override
    public String toString() {
        return "HostSandbox[" + status.describe() + "]";
    }
}
