package dev.jclaw.plugins.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * Walks the regular files under a directory of the workspace.
 *
 * <p>Symbolic links are never followed, whether they point inside the workspace or out of it: a walk cannot leave
 * the workspace and never sees a file twice. Hidden directories such as {@code .git} are skipped unless the walk
 * starts in one. The places the host keeps from tools ({@link dev.jclaw.api.tool.ToolContext#isOffLimits}) are
 * skipped wherever they are, the walk's start included, whether their names begin with a dot or not, e.g. a data
 * directory inside the workspace. The walk stops after {@value #MAX_FILES} entries, when its {@link TimeLimit} passes, or on
 * interrupt.
 */
final class TreeWalk {
    static final int MAX_FILES = 200_000;

    /** How a walk ended. */
    enum End {
        /** Every file was visited. */
        COMPLETE,
        /** The walk stopped after {@value TreeWalk#MAX_FILES} entries. */
        TOO_MANY_FILES,
        /** The walk ran out of time. */
        OUT_OF_TIME
    }

    /** Gets each matching file. */
    @FunctionalInterface
    interface Visitor {
        /**
         * Visits one file.
         *
         * @param file the file, under the walk's base
         * @param relative the file relative to the base
         * @param attributes its attributes, links not followed
         */
        void visit(Path file, Path relative, BasicFileAttributes attributes);
    }

    private TreeWalk() {
    }

    /**
     * Walks from {@code start} (the base or a directory below it) and visits the regular files whose path relative
     * to {@code base} passes {@code filter}.
     *
     * @param base the directory paths are made relative to
     * @param start where the walk begins, {@code base} or below
     * @param filter tests paths relative to {@code base}
     * @param offLimits tests absolute paths: the directories and files tools must keep out of, skipped
     * @param limit when to stop
     * @param visitor gets each matching file
     * @return how the walk ended
     * @throws IOException when {@code start} cannot be read
     * @throws InterruptedException when the thread is interrupted
     */
    static End walk(Path base, Path start, Predicate<Path> filter, Predicate<Path> offLimits, TimeLimit limit,
                    Visitor visitor) throws IOException, InterruptedException {
        End[] end = {End.COMPLETE};
        boolean[] interrupted = {false};
        int[] seen = {0};
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                FileVisitResult stop = check();
                if (stop != null) {
                    return stop;
                }
                Path name = dir.getFileName();
                boolean hidden = name != null && name.toString().startsWith(".");
                boolean skipped = hidden && !dir.equals(start) || offLimits.test(dir);
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                FileVisitResult stop = check();
                if (stop != null) {
                    return stop;
                }
                if (attributes.isRegularFile() && !offLimits.test(file)) {
                    Path relative = base.relativize(file);
                    if (filter.test(relative)) {
                        visitor.visit(file, relative, attributes);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable entry is skipped, not fatal
            }

            private FileVisitResult check() {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                if (++seen[0] > MAX_FILES) {
                    end[0] = End.TOO_MANY_FILES;
                    return FileVisitResult.TERMINATE;
                }
                if ((seen[0] & 0xFF) == 0 && limit.passed()) {
                    end[0] = End.OUT_OF_TIME;
                    return FileVisitResult.TERMINATE;
                }
                return null;
            }
        });
        if (interrupted[0]) {
            Thread.interrupted();
            throw new InterruptedException("the search was stopped");
        }
        return end[0];
    }
}
