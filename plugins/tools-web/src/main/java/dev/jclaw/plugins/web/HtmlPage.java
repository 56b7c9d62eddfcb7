package dev.jclaw.plugins.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * An HTML document reduced to what a reader wants: its title and its content as markdown. Scripts, styles, forms'
 * controls, navigation, footers, sidebars, site headers and hidden elements are dropped; when the page marks its
 * main content ({@code <main>}, {@code role=main}, or a single {@code <article>}) only that is kept. Links and images
 * become absolute, resolved against the page's URL or its {@code <base href>}.
 *
 * @param title the {@code <title>}, else the first {@code <h1>}; empty when neither exists
 * @param markdown the content
 */
record HtmlPage(String title, String markdown) {

    private static final String NOISE = String.join(", ",
            "script, style, noscript, template, link, meta, svg, canvas, iframe, frame, frameset, object, embed",
            "applet, audio, video, map, nav, footer, aside, dialog, button, input, select, textarea, datalist",
            "[hidden], [aria-hidden=true], [style~=(?i)display\\s*:\\s*none]",
            "[role=navigation], [role=contentinfo], [role=search], [role=complementary], [role=dialog]",
            "[role=alertdialog], [role=menu], [role=menubar]");

    /**
     * Parses and converts a document.
     *
     * @param html the document's text
     * @param url the URL it was fetched from, to make links absolute
     * @return the page
     */
    static HtmlPage convert(String html, String url) {
        Document document = Jsoup.parse(html, url);
        String title = document.title().strip();
        if (title.isEmpty()) {
            Element h1 = document.selectFirst("h1");
            title = h1 == null ? "" : h1.text().strip();
        }
        document.select(NOISE).remove();
        // a site header is noise; the header of an article is not
        for (Element header : document.select("header, [role=banner]")) {
            if (header.parent() != null && header.closest("article, main, [role=main]") == null) {
                header.remove();
            }
        }
        return new HtmlPage(title, MarkdownWriter.render(contentRoot(document), url));
    }

    private static Element contentRoot(Document document) {
        Element main = document.selectFirst("main, [role=main]");
        if (main != null && !main.text().isBlank()) {
            return main;
        }
        Elements articles = document.select("article");
        if (articles.size() == 1 && !articles.first().text().isBlank()) {
            return articles.first();
        }
        return document.body() == null ? document : document.body();
    }
}
