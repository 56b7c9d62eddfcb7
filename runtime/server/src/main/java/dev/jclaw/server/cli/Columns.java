package dev.jclaw.server.cli;

import java.io.PrintStream;
import java.util.List;

/** A table for the terminal: each column as wide as its widest value, two spaces apart, the last one left free. */
final class Columns {
    private Columns() {
    }

    /**
     * Prints rows, each indented by two spaces; the first row is usually the header.
     *
     * @param out where to print
     * @param rows the rows, all with the same number of cells
     */
    static void print(PrintStream out, List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < columns; i++) {
                line.append(' ').append(i == columns - 1 ? row.get(i) : pad(row.get(i), widths[i])).append(' ');
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
