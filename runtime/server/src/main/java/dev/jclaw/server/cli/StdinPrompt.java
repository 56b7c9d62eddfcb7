package dev.jclaw.server.cli;

import java.io.IOException;
import java.io.Reader;

/** The prompt of {@code jclaw run -}: standard input, read whole, within a bound. */
final class StdinPrompt {
    /** The longest prompt taken from standard input, in characters (about 64k tokens). */
    static final int MAX_CHARS = 256 * 1024;

    private StdinPrompt() {
    }

    /**
     * Reads the prompt.
     *
     * @param in standard input
     * @return the text, stripped
     * @throws UsageException when it is empty
     * @throws IOException when it cannot be read, or is longer than {@link #MAX_CHARS}
     */
    static String read(Reader in) throws UsageException, IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            text.append(buffer, 0, n);
            if (text.length() > MAX_CHARS) {
                throw new IOException("the prompt on standard input is longer than "
                        + String.format(java.util.Locale.ROOT, "%,d", MAX_CHARS) + " characters; save it to a file"
                        + " in the workspace and ask about that file instead");
            }
        }
        String prompt = text.toString().strip();
        if (prompt.isEmpty()) {
            throw new UsageException("'jclaw run -' read an empty prompt from standard input; pipe the prompt in,"
                    + " e.g. echo \"summarise notes.md\" | jclaw run -");
        }
        return prompt;
    }
}
