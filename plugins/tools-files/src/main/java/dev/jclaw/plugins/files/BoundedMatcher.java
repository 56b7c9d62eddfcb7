package dev.jclaw.plugins.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a regular expression over one line at a time with a budget, so that a pattern that backtracks
 * catastrophically, such as {@code (a+)+$} against a long line of {@code a}s, ends in milliseconds instead of
 * running for years.
 *
 * <p>{@link java.util.regex} backtracks and has no timeout of its own, but it reads its input only through
 * {@link CharSequence#charAt}. The line is wrapped in a sequence that counts those reads: each line may take
 * {@value #BASE_STEPS} plus {@value #STEPS_PER_CHAR} per character, and every few thousand reads the wrapper also
 * checks the search's {@link TimeLimit} and the thread's interrupt flag. One {@link Matcher} serves the whole
 * search, so a line costs no allocation. Not thread-safe; one per search.
 */
final class BoundedMatcher {
    static final long BASE_STEPS = 1_000_000;
    static final long STEPS_PER_CHAR = 100;
    private static final int CHECK_MASK = (1 << 12) - 1;

    /** The outcome of a search in one line. */
    sealed interface Result {
        /** The pattern matches; {@code start} is where the first match begins. */
        record Found(int start) implements Result {
        }

        /** The pattern does not match. */
        record Missing() implements Result {
        }

        /** The line's step budget ran out, or the engine recursed too deep: the pattern is too costly here. */
        record TooCostly(String why) implements Result {
        }

        /** The search's time is up. */
        record OutOfTime() implements Result {
        }
    }

    private final TimeLimit limit;
    private final Guarded guarded = new Guarded();
    private final Matcher matcher;
    private long stepsLeft;
    private int reads;

    BoundedMatcher(Pattern pattern, TimeLimit limit) {
        this.limit = limit;
        this.matcher = pattern.matcher(guarded);
    }

    /**
     * Looks for the pattern in one line.
     *
     * @param line the line, without its terminator
     * @return what happened
     * @throws InterruptedException when the thread is interrupted
     */
    Result find(String line) throws InterruptedException {
        return find(line, 0, line.length());
    }

    /**
     * Looks for the pattern in one line of a larger text, as if the line stood alone: {@code ^} and {@code $} match
     * at its ends and lookarounds do not see past them.
     *
     * @param text the text, e.g. a whole file
     * @param start where the line begins
     * @param end where it ends, before its terminator
     * @return what happened; a match's start is counted from {@code start}
     * @throws InterruptedException when the thread is interrupted
     */
    Result find(String text, int start, int end) throws InterruptedException {
        if (guarded.text != text) {
            guarded.text = text;
            matcher.reset(guarded);
        }
        stepsLeft = BASE_STEPS + STEPS_PER_CHAR * (end - start);
        try {
            matcher.region(start, end);
            return matcher.find() ? new Result.Found(matcher.start() - start) : new Result.Missing();
        } catch (Stop stop) {
            return switch (stop.why) {
                case STEPS -> new Result.TooCostly("it took more than " + (BASE_STEPS + STEPS_PER_CHAR * (end - start))
                        + " steps");
                case TIME -> new Result.OutOfTime();
                case INTERRUPT -> {
                    Thread.interrupted();
                    throw new InterruptedException("grep was stopped");
                }
            };
        } catch (StackOverflowError e) {
            // deep recursion in the engine, e.g. (a|b)* over a long line: confined to this call, safe to drop
            return new Result.TooCostly("the regex engine recursed too deeply");
        }
    }

    private enum Why { STEPS, TIME, INTERRUPT }

    /** Unwinds the regex engine; carries no stack trace, as it is thrown often and caught right away. */
    private static final class Stop extends RuntimeException {
        private final Why why;

        Stop(Why why) {
            super(why.name(), null, false, false);
            this.why = why;
        }
    }

    /** The text the engine reads, one read at a time, each one counted. */
    private final class Guarded implements CharSequence {
        private String text = "";

        @Override
        public char charAt(int index) {
            if (--stepsLeft < 0) {
                throw new Stop(Why.STEPS);
            }
            if ((++reads & CHECK_MASK) == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Stop(Why.INTERRUPT);
                }
                if (limit.passed()) {
                    throw new Stop(Why.TIME);
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            // only used to extract groups, which grep does not do
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
