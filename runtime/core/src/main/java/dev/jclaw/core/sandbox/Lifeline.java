package dev.jclaw.core.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

/**
 * Kills what this JVM started when the JVM dies, however it dies (kill -9, out of memory, a crash): a small shell
 * process reads the ids of the running processes from a pipe, and when the pipe ends (the kernel closes it when this
 * JVM exits) it sends SIGKILL to each one's process group and to the process itself. It ignores the terminal's
 * signals, so Ctrl-C on {@code jclaw run} reaches the JVM, whose exit then ends the commands too.
 *
 * <p>It does not depend on the thread that started a process, unlike a parent-death signal. A process that left
 * its process group and is not a sandbox escapes it, as it escapes a timeout.
 */
final class Lifeline {

    private static final System.Logger LOG = System.getLogger(Lifeline.class.getName());
    /** Each line is the whole set, so the script keeps no state but the last line. */
    private static final String SCRIPT = "trap '' INT HUP TERM QUIT PIPE; pids=; "
            + "while IFS= read -r line; do pids=$line; done; "
            // "kill -9 -PGID": dash's kill takes neither "--" nor "-s KILL" before a negative id
            + "for p in $pids; do kill -9 -$p 2>/dev/null; kill -9 $p 2>/dev/null; done";
    private static final List<String> SH_PLACES = List.of("/bin/sh", "/usr/bin/sh");

    private static final Lifeline INSTANCE = start();

    private final OutputStream pipe;
    private final Set<Long> running = new ConcurrentSkipListSet<>();

    private Lifeline(OutputStream pipe) {
        this.pipe = pipe;
    }

    /**
     * Returns the JVM's lifeline, started on first use; none when no shell can be started, which was logged.
     *
     * @return the lifeline
     */
    static Optional<Lifeline> get() {
        return Optional.ofNullable(INSTANCE);
    }

    /**
     * Keeps a process on the list until it exits.
     *
     * @param process a process just started, which leads its own process group or is a sandbox
     */
    void register(Process process) {
        running.add(process.pid());
        publish();
        process.onExit().thenRun(() -> {
            running.remove(process.pid());
            publish();
        });
    }

    private synchronized void publish() {
        String line = running.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n";
        try {
            pipe.write(line.getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the process lifeline ended (" + e.getMessage()
                    + "); commands started from now on may outlive a crash of JClaw");
        }
    }

    /**
     * Ends the pipe, as the JVM's exit does: the watcher kills what is still registered.
     *
     * @throws IOException when the pipe cannot be closed
     */
    void close() throws IOException {
        pipe.close();
    }

    /** Starts a watcher; the JVM's own is {@link #get()}. Null when no shell can be started, which is logged. */
    static Lifeline start() {
        Optional<Path> sh = SH_PLACES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (sh.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no /bin/sh: commands may outlive a crash of JClaw");
            return null;
        }
        try {
            Process watcher = new ProcessBuilder(sh.get().toString(), "-c", SCRIPT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .directory(new File("/"))
                    .start();
            return new Lifeline(watcher.getOutputStream());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot start the process lifeline (" + e.getMessage()
                    + "); commands may outlive a crash of JClaw");
            return null;
        }
    }
}
