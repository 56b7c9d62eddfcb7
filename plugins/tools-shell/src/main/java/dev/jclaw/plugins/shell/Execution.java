package dev.jclaw.plugins.shell;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * What one command did: its kept output, how it ended, and what was cleaned up after it. {@link #text()} is what
 * the model reads:
 *
 * <pre>
 * [stdout]
 * hello
 * [stderr]
 * warning: something
 * [exit_code=0]
 * </pre>
 *
 * <p>A section whose stream printed nothing is left out; the last line, or lines, always say how the command
 * ended: {@code [exit_code=N]} when it exited by itself, {@code [killed: …]} when it was killed (then there is no
 * exit code), and a further {@code [killed: …]} or {@code [output incomplete: …]} line when background processes
 * had to be dealt with after it exited.
 *
 * @param stdout what the command printed on stdout, head and tail kept
 * @param stderr what it printed on stderr, head and tail kept
 * @param ending how it ended
 * @param leftovers what happened to background processes still holding its output after it exited
 */
record Execution(String stdout, String stderr, Ending ending, Leftovers leftovers) {

    /** Checks the fields. */
    Execution {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(leftovers, "leftovers");
    }

    /** How a command ended. */
    sealed interface Ending {

        /** It exited by itself; a death by signal shows as 128 + the signal's number, as in bash. */
        record Exited(int exitCode) implements Ending {
        }

        /** It ran longer than the call's {@code timeout_seconds} and was killed. */
        record TimedOut(Duration timeout) implements Ending {
        }

        /** The host's deadline for the call passed before the timeout, and it was killed. */
        record DeadlinePassed(Duration after) implements Ending {
        }

        /** The calling thread was interrupted (the turn was aborted), and it was killed. */
        record Interrupted(Duration after) implements Ending {
        }
    }

    /** Background processes that kept the command's output open once it had exited. */
    enum Leftovers {
        /** There were none: the output ended with the command. */
        NONE,
        /** Its process group was killed, and that ended the output. */
        KILLED,
        /** Even that did not end the output: a process that left the group holds it; the rest is not read. */
        ESCAPED
    }

    /**
     * Returns the result text, see the class comment.
     *
     * @return the text
     */
    String text() {
        StringBuilder out = new StringBuilder();
        section(out, "[stdout]", stdout);
        section(out, "[stderr]", stderr);
        out.append(switch (ending) {
            case Ending.Exited exited -> "[exit_code=" + exited.exitCode() + "]";
            case Ending.TimedOut timedOut -> "[killed: timeout after " + seconds(timedOut.timeout()) + "]";
            case Ending.DeadlinePassed passed -> "[killed: the call's deadline passed after "
                    + seconds(passed.after()) + "]";
            case Ending.Interrupted interrupted -> "[killed: interrupted, the turn was aborted after "
                    + seconds(interrupted.after()) + "]";
        });
        switch (leftovers) {
            case NONE -> { }
            case KILLED -> out.append("\n[killed: background processes that kept the output open after the command"
                    + " exited; redirect their output, e.g. 'cmd > log 2>&1 &', to let them run on]");
            case ESCAPED -> out.append("\n[output incomplete: a background process outside the command's process"
                    + " group keeps the output open; what it prints from now on is not read]");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String header, String text) {
        if (text.isEmpty()) {
            return;
        }
        out.append(header).append('\n').append(text);
        if (!text.endsWith("\n")) {
            out.append('\n');
        }
    }

    /** Whole seconds as {@code 120 s}; under ten seconds with up to two decimals, as {@code 0.25 s}. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 10_000) {
            return Math.round(millis / 1000.0) + " s";
        }
        return BigDecimal.valueOf(millis, 3).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " s";
    }
}
