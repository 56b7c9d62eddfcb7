package dev.jclaw.plugins.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jsoup.nodes.Element;

/**
 * Writes an HTML table as a markdown pipe table, the first row as its header. A table used for layout (one
 * column, or tables inside it) is not a grid of data: its cells are written one after another as blocks instead.
 * Spans are ignored; short rows are padded.
 */
final class MarkdownTable {

    private MarkdownTable() {
    }

    /**
     * Renders a table.
     *
     * @param table the {@code <table>}
     * @param inlineCell renders a cell's content on one line
     * @param blockCell renders a cell's content as blocks, for layout tables
     * @return the markdown
     */
    static String render(Element table, Function<Element, String> inlineCell, Function<Element, String> blockCell) {
        List<List<Element>> rows = new ArrayList<>();
        for (Element row : rows(table)) {
            List<Element> cells = row.children().stream()
                    .filter(c -> c.normalName().equals("td") || c.normalName().equals("th")).toList();
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        boolean layout = width == 1 || !table.select("td table, th table").isEmpty();
        if (layout) {
            List<String> blocks = new ArrayList<>();
            rows.forEach(cells -> cells.stream().map(blockCell).filter(b -> !b.isBlank()).forEach(blocks::add));
            return String.join("\n\n", blocks);
        }
        StringBuilder out = new StringBuilder();
        table.children().stream().filter(c -> c.normalName().equals("caption") && !c.text().isBlank()).findFirst()
                .ifPresent(caption -> out.append("**").append(caption.text().strip()).append("**\n\n"));
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int c = 0; c < width; c++) {
                String text = c < rows.get(r).size() ? inlineCell.apply(rows.get(r).get(c)) : "";
                out.append(' ').append(text.replace("|", "\\|")).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|').append(" --- |".repeat(width)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** The rows of this table, not of tables nested in it. */
    private static List<Element> rows(Element table) {
        List<Element> rows = new ArrayList<>();
        for (Element child : table.children()) {
            switch (child.normalName()) {
                case "tr" -> rows.add(child);
                case "thead", "tbody", "tfoot" -> child.children().stream()
                        .filter(row -> row.normalName().equals("tr")).forEach(rows::add);
                default -> {
                    // caption and colgroup carry no cells
                }
            }
        }
        return rows;
    }
}
