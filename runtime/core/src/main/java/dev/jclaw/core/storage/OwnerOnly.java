package dev.jclaw.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Directories {@code 0700} and files {@code 0600}: transcripts, memories and tokens are for the user who runs JClaw,
 * not for the other accounts of the machine. The JVM cannot set a umask, so each store restricts what it creates,
 * and start-up tightens what an older version left readable. On a file system without POSIX permissions nothing
 * happens: there the directory's own access rules apply.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates a directory (and its missing parents) and makes it the owner's only; an existing one is restricted.
     *
     * @param dir the directory
     * @return the directory
     * @throws IOException when it cannot be created or its permissions cannot be set
     */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, DIRECTORY);
        return dir;
    }

    /**
     * Makes one file the owner's only.
     *
     * @param file the file
     * @throws IOException when its permissions cannot be set
     */
    public static void file(Path file) throws IOException {
        restrict(file, FILE);
    }

    /**
     * Makes the files of a directory the owner's only, not descending into subdirectories: for the files a store
     * (a database, an index) keeps side by side.
     *
     * @param dir the directory
     * @param which the names of the files to restrict
     * @throws IOException when the directory cannot be listed or a permission cannot be set
     */
    public static void files(Path dir, Predicate<String> which) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)
                        && which.test(child.getFileName().toString())) {
                    restrict(child, FILE);
                }
            }
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
