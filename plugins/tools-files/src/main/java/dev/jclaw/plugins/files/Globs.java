package dev.jclaw.plugins.files;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glob patterns as people write them, over paths relative to a search directory with {@code /} separators.
 *
 * <p>On top of {@link FileSystem#getPathMatcher} syntax ({@code *}, {@code ?}, {@code **}, {@code [ab]},
 * {@code {a,b}}), a {@code **}{@code /} also matches no directory at all, so {@code **}{@code /*.java} finds
 * {@code A.java} at the top and {@code src/**}{@code /*.java} finds {@code src/A.java}.
 */
final class Globs {
    static final int MAX_PATTERN_CHARS = 1000;
    /** Beyond this many {@code **}{@code /}, the extra "no directory" variants are not generated. */
    private static final int MAX_VARIANT_WILDCARDS = 4;
    private static final String ANY_DIRS = "**/";

    private Globs() {
    }

    /**
     * Says why a pattern cannot be used, in one sentence, or nothing when it can.
     *
     * @param name the argument's name, for the message
     * @param pattern the pattern as given
     * @return the problem, if any
     */
    static Optional<String> problem(String name, String pattern) {
        String shown = Workspace.quote(pattern);
        if (pattern.isBlank()) {
            return Optional.of("'" + name + "' is empty; give a glob such as **/*.java");
        }
        if (pattern.indexOf('\0') >= 0) {
            return Optional.of("'" + name + "' " + shown + " contains a NUL character; give a plain glob");
        }
        if (pattern.length() > MAX_PATTERN_CHARS) {
            return Optional.of("'" + name + "' is " + pattern.length() + " characters long, more than the limit of "
                    + MAX_PATTERN_CHARS + "; give a shorter glob");
        }
        if (pattern.startsWith("/")) {
            return Optional.of("'" + name + "' " + shown + " is absolute; globs match paths relative to the "
                    + "directory searched, e.g. src/**/*.java");
        }
        for (String segment : pattern.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("'" + name + "' " + shown + " climbs out with '..'; globs only match below the "
                        + "directory searched; choose that directory with 'path' instead");
            }
        }
        return Optional.empty();
    }

    /**
     * Builds a matcher for paths relative to the directory searched.
     *
     * @param fileSystem the file system of the paths
     * @param pattern a pattern without {@link #problem}s
     * @return the matcher
     * @throws IllegalArgumentException when the pattern is not a valid glob
     */
    static PathMatcher matcher(FileSystem fileSystem, String pattern) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String variant : variants(stripDotSlash(pattern))) {
            matchers.add(fileSystem.getPathMatcher("glob:" + variant));
        }
        return path -> {
            for (PathMatcher m : matchers) {
                if (m.matches(path)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Returns the leading directories of a pattern that contain no wildcard, e.g. {@code src/main} for
     * {@code src/main/**}{@code /*.java}: only that directory needs to be walked.
     *
     * @param pattern a pattern without {@link #problem}s
     * @return the literal directory part, empty when the pattern starts with a wildcard
     */
    static String literalPrefix(String pattern) {
        String[] segments = stripDotSlash(pattern).split("/", -1);
        List<String> literal = new ArrayList<>();
        for (int i = 0; i < segments.length - 1; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.equals(".") || s.chars().anyMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) {
                break;
            }
            literal.add(s);
        }
        return String.join("/", literal);
    }

    /**
     * Shows a relative path with {@code /} separators.
     *
     * @param relative the path
     * @return its text
     */
    static String text(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static String stripDotSlash(String pattern) {
        String p = pattern;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    /** The pattern itself, and each way of leaving out some of its {@code **}{@code /}. */
    private static List<String> variants(String pattern) {
        List<Integer> at = new ArrayList<>();
        for (int i = pattern.indexOf(ANY_DIRS); i >= 0; i = pattern.indexOf(ANY_DIRS, i + ANY_DIRS.length())) {
            if (i == 0 || pattern.charAt(i - 1) == '/') {
                at.add(i);
            }
        }
        if (at.isEmpty() || at.size() > MAX_VARIANT_WILDCARDS) {
            return List.of(pattern);
        }
        List<String> variants = new ArrayList<>();
        for (int mask = 0; mask < 1 << at.size(); mask++) {
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int k = 0; k < at.size(); k++) {
                if ((mask & 1 << k) != 0) {
                    out.append(pattern, from, at.get(k));
                    from = at.get(k) + ANY_DIRS.length();
                }
            }
            variants.add(out.append(pattern.substring(from)).toString());
        }
        return variants;
    }
}
