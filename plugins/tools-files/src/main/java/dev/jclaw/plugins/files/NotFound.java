package dev.jclaw.plugins.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Says that a file does not exist and, when its directory holds names close to the one asked for, offers them. */
final class NotFound {

    /** A directory is not listed beyond this many entries; suggestions are a courtesy, not a search. */
    static final int MAX_SCANNED = 10_000;
    static final int MAX_SUGGESTIONS = 3;

    private NotFound() {
    }

    /**
     * Builds the message for a missing file.
     *
     * @param workspace the workspace the file was resolved in
     * @param file the resolved, missing file
     * @param shown the path as the model gave it, quoted
     * @return one sentence, with suggestions when there are any
     */
    static String message(Workspace workspace, Path file, String shown) {
        return message(workspace, file, shown, "use glob to find files");
    }

    /**
     * Builds the message for a missing file, with the caller's advice when no close names exist.
     *
     * @param workspace the workspace the file was resolved in
     * @param file the resolved, missing file
     * @param shown the path as the model gave it, quoted
     * @param otherwise what to suggest when there are no close names, e.g. "use write to create it"
     * @return one sentence
     */
    static String message(Workspace workspace, Path file, String shown, String otherwise) {
        List<String> similar = similar(workspace, file);
        String message = "file " + shown + " does not exist";
        if (similar.isEmpty()) {
            return message + "; " + otherwise;
        }
        return message + "; did you mean " + orList(similar) + "?";
    }

    private static List<String> similar(Workspace workspace, Path file) {
        Path directory = file.getParent();
        Path name = file.getFileName();
        if (directory == null || name == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        String wanted = name.toString().toLowerCase(Locale.ROOT);
        record Candidate(Path path, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            int scanned = 0;
            for (Path entry : entries) {
                if (++scanned > MAX_SCANNED) {
                    break;
                }
                int distance = distance(wanted, entry.getFileName().toString().toLowerCase(Locale.ROOT));
                if (distance >= 0) {
                    candidates.add(new Candidate(entry, distance));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // no suggestions is still a correct answer
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(c -> c.path().toString()))
                .limit(MAX_SUGGESTIONS)
                .map(c -> Workspace.quote(workspace.display(c.path())))
                .toList();
    }

    /**
     * Rates how close two lower-case names are: 0 for the same name in another case, the edit distance for a typo,
     * or a small fixed score for the same stem with another extension; -1 when they are not close.
     */
    static int distance(String wanted, String actual) {
        if (wanted.equals(actual)) {
            return 0;
        }
        if (stem(wanted).equals(stem(actual)) && !stem(wanted).isEmpty()) {
            return 2;
        }
        int allowed = Math.min(3, Math.max(1, wanted.length() / 4));
        if (wanted.length() > 255 || actual.length() > 255 || Math.abs(wanted.length() - actual.length()) > allowed) {
            return -1;
        }
        int edits = levenshtein(wanted, actual);
        return edits <= allowed ? edits : -1;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String orList(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
    }
}
