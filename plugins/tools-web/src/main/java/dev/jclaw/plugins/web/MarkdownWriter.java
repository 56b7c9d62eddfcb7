package dev.jclaw.plugins.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Writes an HTML element tree as markdown: headings, paragraphs, links as {@code [text](absolute url)}, images with
 * alt text, emphasis, inline code and fenced code blocks, nested lists, block quotes, definition lists and tables.
 * Block elements are rendered to strings that their parents indent or prefix, so nesting composes. Below
 * {@value #MAX_DEPTH} levels of nesting only the text is kept, so a hostile page cannot exhaust the stack.
 * Not thread-safe; one instance per page.
 */
final class MarkdownWriter {

    static final int MAX_DEPTH = 200;

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
            "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
            "ol", "p", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
            "ul");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\n\\r\\f\\u00a0]+");
    private static final Pattern LANGUAGE = Pattern.compile("(?:language|lang|highlight-source)-([A-Za-z0-9_+#-]+)");

    private final String pageUrl;

    private MarkdownWriter(String pageUrl) {
        this.pageUrl = withoutFragment(pageUrl);
    }

    /**
     * Renders an element's content.
     *
     * @param root the element whose children to render
     * @param pageUrl the page's URL, to tell links within the page from links elsewhere
     * @return the markdown, without leading or trailing blank lines
     */
    static String render(Element root, String pageUrl) {
        String markdown = new MarkdownWriter(pageUrl).blocks(root, 0, "\n\n");
        return markdown.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Renders children as blocks; runs of inline content between block children become paragraphs. */
    private String blocks(Element container, int depth, String separator) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (Node child : container.childNodes()) {
            if (child instanceof Element element && isBlock(element)) {
                add(out, clean(paragraph.toString()));
                paragraph.setLength(0);
                add(out, block(element, depth + 1));
            } else {
                inline(child, paragraph, depth + 1);
            }
        }
        add(out, clean(paragraph.toString()));
        return String.join(separator, out);
    }

    private String block(Element element, int depth) {
        if (depth > MAX_DEPTH) {
            return clean(element.text());
        }
        return switch (element.normalName()) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(element, depth);
            case "hr" -> "---";
            case "pre" -> fence(element);
            case "blockquote" -> prefix(blocks(element, depth, "\n\n"), "> ", "> ");
            case "ul", "ol", "menu" -> list(element, depth);
            case "table" -> MarkdownTable.render(element, cell -> oneLine(blocks(cell, depth + 1, " ")),
                    cell -> blocks(cell, depth + 1, "\n\n"));
            case "dt", "summary" -> emphasize(blocks(element, depth, " "), "**");
            case "dd" -> prefix(blocks(element, depth, "\n"), ": ", "  ");
            default -> blocks(element, depth, "\n\n");
        };
    }

    private String heading(Element element, int depth) {
        String text = oneLine(inlineOf(element, depth));
        return text.isEmpty() ? "" : "#".repeat(element.normalName().charAt(1) - '0') + " " + text;
    }

    private String list(Element list, int depth) {
        boolean ordered = list.normalName().equals("ol");
        int number = ordered && list.attr("start").matches("-?[0-9]{1,9}") ? Integer.parseInt(list.attr("start")) : 1;
        List<String> items = new ArrayList<>();
        for (Element child : list.children()) {
            if (child.normalName().equals("li")) {
                String marker = ordered ? number++ + ". " : "- ";
                String content = blocks(child, depth + 1, "\n");
                if (!content.isBlank()) {
                    items.add(prefix(content, marker, " ".repeat(marker.length())));
                }
            } else if (isBlock(child)) { // a list nested without its li, as some pages do
                add(items, prefix(block(child, depth + 1), "  ", "  "));
            }
        }
        return String.join("\n", items);
    }

    private static String fence(Element pre) {
        String code = pre.wholeText();
        if (code.startsWith("\n")) {
            code = code.substring(1); // HTML drops a newline right after <pre>
        }
        code = code.stripTrailing();
        if (code.isEmpty()) {
            return "";
        }
        String language = language(pre);
        if (language.isEmpty() && pre.childrenSize() == 1 && pre.child(0).normalName().equals("code")) {
            language = language(pre.child(0));
        }
        String fence = "```";
        while (code.contains(fence)) {
            fence += "`";
        }
        return fence + language + "\n" + code + "\n" + fence;
    }

    private static String language(Element element) {
        Matcher matcher = LANGUAGE.matcher(element.className());
        return matcher.find() ? matcher.group(1) : "";
    }

    private void inline(Node node, StringBuilder out, int depth) {
        if (node instanceof TextNode text) {
            out.append(SPACES.matcher(text.getWholeText()).replaceAll(" "));
            return;
        }
        if (!(node instanceof Element element)) {
            return; // comments, data
        }
        if (depth > MAX_DEPTH) {
            out.append(' ').append(element.text()).append(' ');
            return;
        }
        switch (element.normalName()) {
            case "br" -> out.append('\n');
            case "a" -> link(element, out, depth);
            case "img" -> image(element, out);
            case "strong", "b" -> out.append(emphasize(inlineOf(element, depth), "**"));
            case "em", "i", "cite", "var" -> out.append(emphasize(inlineOf(element, depth), "*"));
            case "del", "s", "strike" -> out.append(emphasize(inlineOf(element, depth), "~~"));
            case "code", "kbd", "samp", "tt" -> out.append(code(element.text()));
            case "q" -> out.append('"').append(inlineOf(element, depth)).append('"');
            case "pre" -> out.append('\n').append(fence(element)).append('\n');
            default -> {
                // an element this writer does not style, or a block inside inline content: keep its text apart
                boolean block = isBlock(element);
                out.append(block ? " " : "").append(inlineOf(element, depth)).append(block ? " " : "");
            }
        }
    }

    private String inlineOf(Element element, int depth) {
        StringBuilder out = new StringBuilder();
        for (Node child : element.childNodes()) {
            inline(child, out, depth + 1);
        }
        return out.toString();
    }

    private void link(Element a, StringBuilder out, int depth) {
        String inner = inlineOf(a, depth);
        String text = oneLine(inner);
        String href = a.absUrl("href");
        boolean web = href.startsWith("http://") || href.startsWith("https://") || href.startsWith("mailto:");
        if (text.isEmpty()) {
            return; // an icon without words says nothing to a reader
        }
        if (!web || withinPage(href)) {
            out.append(inner);
            return;
        }
        out.append(inner.startsWith(" ") ? " " : "")
                .append('[').append(text.replace("[", "\\[").replace("]", "\\]")).append("](")
                .append(escapeUrl(href)).append(')')
                .append(inner.endsWith(" ") ? " " : "");
    }

    private static void image(Element img, StringBuilder out) {
        String alt = oneLine(img.attr("alt"));
        String src = img.absUrl("src");
        if (!alt.isEmpty() && (src.startsWith("http://") || src.startsWith("https://"))) {
            out.append("![").append(alt.replace("[", "\\[").replace("]", "\\]")).append("](")
                    .append(escapeUrl(src)).append(')');
        }
    }

    private boolean withinPage(String href) {
        int hash = href.indexOf('#');
        return hash >= 0 && withoutFragment(href).equals(pageUrl);
    }

    static String code(String text) {
        String content = SPACES.matcher(text).replaceAll(" ");
        if (content.isBlank()) {
            return content;
        }
        int longest = 0;
        Matcher ticks = Pattern.compile("`+").matcher(content);
        while (ticks.find()) {
            longest = Math.max(longest, ticks.group().length());
        }
        String fence = "`".repeat(longest + 1);
        String pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
        return fence + pad + content + pad + fence;
    }

    private static String emphasize(String inner, String marker) {
        String trimmed = inner.strip();
        if (trimmed.isEmpty()) {
            return inner;
        }
        return (Character.isWhitespace(inner.charAt(0)) ? " " : "") + marker + trimmed + marker
                + (Character.isWhitespace(inner.charAt(inner.length() - 1)) ? " " : "");
    }

    private static String prefix(String text, String first, String rest) {
        if (text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String lead = i == 0 ? first : rest;
            out.append(lines[i].isEmpty() ? lead.stripTrailing() : lead + lines[i]);
        }
        return out.toString();
    }

    /** Tidies a paragraph: single spaces, no spaces around line breaks, no blank edges. */
    private static String clean(String text) {
        return text.replaceAll(" {2,}", " ").replaceAll(" *\n *", "\n").replaceAll("\n{2,}", "\n").strip();
    }

    private static String oneLine(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static String escapeUrl(String url) {
        return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static boolean isBlock(Element element) {
        return BLOCKS.contains(element.normalName());
    }

    private static void add(List<String> out, String block) {
        if (!block.isBlank()) {
            out.add(block);
        }
    }
}
