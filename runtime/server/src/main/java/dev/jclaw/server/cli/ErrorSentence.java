package dev.jclaw.server.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Turns an unexpected failure into the one sentence a user reads: no Java class names, no stack trace. File system
 * failures, whose message is often just a path, say what went wrong with which file.
 */
final class ErrorSentence {
    /** A leading {@code java.nio.file.AccessDeniedException: }, as {@code Throwable.toString()} and wrappers put it. */
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*|$)");

    private ErrorSentence() {
    }

    static String of(Throwable e) {
        if (e instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            String own = unchecked.getMessage();
            boolean echoesCause = own == null || own.equals(unchecked.getCause().toString());
            return echoesCause ? of(unchecked.getCause()) : clean(own) + " (" + of(unchecked.getCause()) + ")";
        }
        if (e instanceof FileSystemException fs) {
            return fileProblem(fs);
        }
        String message = e.getMessage() == null ? "" : clean(e.getMessage().lines().findFirst().orElse(""));
        if (message.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? of(e.getCause())
                    : "an internal error without a description; please report it with the command you ran";
        }
        return message;
    }

    private static String fileProblem(FileSystemException e) {
        String what = switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or directory";
            case NotDirectoryException n -> "not a directory";
            case FileAlreadyExistsException f -> "it already exists";
            case DirectoryNotEmptyException d -> "the directory is not empty";
            default -> e.getReason() == null ? "an input/output error" : e.getReason().toLowerCase(java.util.Locale.ROOT);
        };
        String file = e.getFile() == null ? "a file" : e.getFile();
        return "cannot use " + file + (e.getOtherFile() == null ? "" : " or " + e.getOtherFile()) + ": " + what;
    }

    private static String clean(String message) {
        String cleaned = message;
        while (CLASS_PREFIX.matcher(cleaned).find()) {
            cleaned = CLASS_PREFIX.matcher(cleaned).replaceFirst("");
        }
        return cleaned.strip();
    }
}
