package dev.jclaw.plugins.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BiConsumer;

/**
 * Walks the regular files under a directory of the workspace: never follows symbolic links (so it never leaves the
 * workspace), skips {@code .git} and other hidden directories, stops on interrupt or after a bound.
 */
final class TreeWalk {
    static final int MAX_VISITS = 200_000;

    private TreeWalk() {
    }

    /**
     * Walks.
     *
     * @param base the directory
     * @param filter matches paths relative to {@code base}, or null for all
     * @param visitor gets each matching file and its attributes
     * @return whether the walk was cut short by its bound
     * @throws IOException when the base cannot be read
     * @throws InterruptedException when the thread is interrupted
     */
    static boolean walk(Path base, PathMatcher filter, BiConsumer<Path, BasicFileAttributes> visitor)
            throws IOException, InterruptedException {
        int[] visits = {0};
        boolean[] cut = {false};
        boolean[] interrupted = {false};
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(base) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                if (++visits[0] > MAX_VISITS) {
                    cut[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                if (attrs.isRegularFile() && (filter == null || filter.matches(base.relativize(file))
                        || filter.matches(file.getFileName()))) {
                    visitor.accept(file, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable entries are skipped, not fatal
            }
        });
        if (interrupted[0]) {
            throw new InterruptedException("the search was stopped");
        }
        return cut[0];
    }
}
