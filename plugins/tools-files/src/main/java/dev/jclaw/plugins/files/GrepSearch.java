package dev.jclaw.plugins.files;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One run of {@code grep}: finds the files, then scans them line by line in path order until it has one result
 * more than asked for (so it knows whether there are more), its time is up, or the pattern proves too costly.
 * Not thread-safe; one per call.
 */
final class GrepSearch {
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    static final int BINARY_PROBE_BYTES = 8 * 1024;

    /** How the search ended, other than by scanning everything. */
    sealed interface Stop {
        /** More results exist than were asked for. */
        record MoreResults() implements Stop {
        }

        /** The pattern was too costly on one line; the search stopped there. */
        record TooCostly(String place, String why) implements Stop {
        }

        /** The time limit passed. */
        record OutOfTime(long seconds) implements Stop {
        }

        /** The walk stopped after {@value TreeWalk#MAX_FILES} entries. */
        record TooManyFiles() implements Stop {
        }
    }

    private record Candidate(Path file, String shown) {
    }

    private final Workspace workspace;
    private final BoundedMatcher matcher;
    private final TimeLimit limit;
    private final int maxResults;
    private final List<String> hits = new ArrayList<>();
    private final List<Stop> stops = new ArrayList<>();
    private int tooLarge;

    GrepSearch(Workspace workspace, BoundedMatcher matcher, TimeLimit limit, int maxResults) {
        this.workspace = workspace;
        this.matcher = matcher;
        this.limit = limit;
        this.maxResults = maxResults;
    }

    /**
     * Searches a file, or the files under a directory that pass the filter.
     *
     * @param base a regular file or directory inside the workspace
     * @param filter tests paths relative to {@code base}
     * @throws IOException when {@code base} cannot be read
     * @throws InterruptedException when the thread is interrupted
     */
    void run(Path base, Predicate<Path> filter) throws IOException, InterruptedException {
        List<Candidate> files = new ArrayList<>();
        if (Files.isRegularFile(base, LinkOption.NOFOLLOW_LINKS)) {
            files.add(new Candidate(base, workspace.display(base)));
        } else {
            TreeWalk.End end = TreeWalk.walk(base, base, filter, workspace::isOffLimits, limit,
                    (file, relative, attributes) -> files.add(new Candidate(file, workspace.display(file))));
            switch (end) {
                case COMPLETE -> { }
                case TOO_MANY_FILES -> stops.add(new Stop.TooManyFiles());
                case OUT_OF_TIME -> {
                    stops.add(new Stop.OutOfTime(limit.seconds()));
                    return;
                }
            }
        }
        files.sort(Comparator.comparing(Candidate::shown));
        for (Candidate file : files) {
            if (Thread.interrupted()) {
                throw new InterruptedException("grep was stopped");
            }
            if (limit.passed()) {
                stops.add(new Stop.OutOfTime(limit.seconds()));
                return;
            }
            try {
                if (!scan(file)) {
                    return;
                }
            } catch (IOException e) {
                // deleted or unreadable since the walk: skip it
            }
        }
    }

    List<String> hits() {
        return hits;
    }

    List<Stop> stops() {
        return stops;
    }

    /** Files skipped because they are larger than {@value #MAX_FILE_BYTES} bytes. */
    int tooLarge() {
        return tooLarge;
    }

    /**
     * Scans one file. It is read whole, as the size cap bounds it, and decoded once; invalid UTF-8 becomes U+FFFD.
     * Lines end at {@code \n} with an optional {@code \r} before it, numbered as {@code read} numbers them.
     *
     * @return whether to go on with the next file
     */
    private boolean scan(Candidate file) throws IOException, InterruptedException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file.file(), LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            tooLarge++;
            return true;
        }
        for (int i = 0, probe = Math.min(bytes.length, BINARY_PROBE_BYTES); i < probe; i++) {
            if (bytes[i] == 0) {
                return true; // binary
            }
        }
        String text = new String(bytes, UTF_8);
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        long number = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? text.length() : newline + 1;
            int end = newline < 0 ? text.length() : newline;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            number++;
            switch (matcher.find(text, start, end)) {
                case BoundedMatcher.Result.Missing missing -> { }
                case BoundedMatcher.Result.Found found -> {
                    if (hits.size() == maxResults) {
                        stops.add(new Stop.MoreResults());
                        return false;
                    }
                    hits.add(file.shown() + ":" + number + ": " + excerpt(text.substring(start, end), found.start()));
                }
                case BoundedMatcher.Result.TooCostly costly -> {
                    stops.add(new Stop.TooCostly("line " + number + " of " + file.shown()
                            + " (" + (end - start) + " characters)", costly.why()));
                    return false;
                }
                case BoundedMatcher.Result.OutOfTime out -> {
                    stops.add(new Stop.OutOfTime(limit.seconds()));
                    return false;
                }
            }
            start = next;
        }
        return true;
    }

    /** The line, or for a long one about {@value GrepTool#LINE_CHARS} characters around where the match begins. */
    static String excerpt(String line, int matchStart) {
        if (line.length() <= GrepTool.LINE_CHARS) {
            return line;
        }
        int from = Math.max(0, Math.min(matchStart - GrepTool.LINE_CHARS / 3, line.length() - GrepTool.LINE_CHARS));
        int to = from + GrepTool.LINE_CHARS;
        if (from > 0 && Character.isLowSurrogate(line.charAt(from))) {
            from++;
        }
        if (to < line.length() && Character.isHighSurrogate(line.charAt(to - 1))) {
            to--;
        }
        return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
    }
}
