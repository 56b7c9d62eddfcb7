package dev.jclaw.server.cli;

import dev.jclaw.core.approval.Approver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who approves the tool calls of a {@code jclaw run}: the person at the terminal, asked {@code [y/N]}; without a
 * terminal nobody can be asked, so the first call that needs approval stops the turn and the command fails with
 * {@link Cli#EXIT_NEEDS_APPROVAL} rather than going on with a denial nobody chose.
 */
final class RunApprovals implements Approver {
    private final BufferedReader in;
    private final PrintStream err;
    private final boolean terminal;
    private final AtomicReference<ApprovalRequest> unasked = new AtomicReference<>();

    RunApprovals(BufferedReader in, PrintStream err, boolean terminal) {
        this.in = in;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public boolean approve(ApprovalRequest request) throws InterruptedException {
        if (!terminal) {
            unasked.compareAndSet(null, request);
            // the loop ends the turn as aborted; the command then says why and exits with its own code
            throw new InterruptedException("no terminal to ask for approval");
        }
        err.print("Allow " + request.tool() + " " + request.arguments() + "? [y/N] ");
        err.flush();
        try {
            String answer = in.readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the call that needed approval when no one could be asked, if one did */
    Optional<ApprovalRequest> unasked() {
        return Optional.ofNullable(unasked.get());
    }

    /** @return why the run stopped, and what to do instead, in one sentence */
    static String hint(ApprovalRequest request) {
        return request.tool() + " needs approval and there is no terminal to ask; run again with --yes to let tool"
                + " calls run, or use 'jclaw chat' to answer each one";
    }
}
