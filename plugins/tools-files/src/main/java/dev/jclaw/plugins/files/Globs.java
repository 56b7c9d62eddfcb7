package dev.jclaw.plugins.files;

import java.nio.file.Path;
import java.nio.file.PathMatcher;

/** Glob matchers where {@code **}{@code /x} also matches {@code x} at the top, as people expect. */
final class Globs {
    private Globs() {
    }

    static PathMatcher matcher(Path base, String pattern) {
        PathMatcher whole = base.getFileSystem().getPathMatcher("glob:" + pattern);
        if (!pattern.startsWith("**/")) {
            return whole;
        }
        PathMatcher top = base.getFileSystem().getPathMatcher("glob:" + pattern.substring(3));
        return path -> whole.matches(path) || top.matches(path);
    }
}
