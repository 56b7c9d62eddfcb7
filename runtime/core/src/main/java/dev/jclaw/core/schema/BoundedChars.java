package dev.jclaw.core.schema;

/**
 * A string seen by a regular expression that counts how often it is read and gives up past a budget: a pattern
 * that backtracks catastrophically on a hostile value ends in bounded time instead of holding a thread.
 */
final class BoundedChars implements CharSequence {
    /** Thrown when the budget is spent. */
    static final class TooMuchWork extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMuchWork() {
            super("pattern check over budget", null, false, false);
        }
    }

    private final String text;
    private final int start;
    private final int end;
    private final long[] left;

    BoundedChars(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BoundedChars(String text, int start, int end, long[] left) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.left = left;
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new TooMuchWork();
        }
        return text.charAt(start + index);
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new BoundedChars(text, start + from, start + to, left);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
