package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** HTML to markdown, without a network: structure, links, code, tables and what is dropped as noise. */
class HtmlPageTest {

    private static final String URL = "https://docs.example.org/guide/intro.html";

    private static String markdown(String html) {
        return HtmlPage.convert(html, URL).markdown();
    }

    @Nested
    class Structure {
        @Test
        void keeps_heading_levels_paragraphs_and_breaks() {
            assertThat(markdown("<h1>Top</h1><p>One\n   line,\tcollapsed.</p><h3>Deep</h3><p>a<br>b</p><hr><p>end</p>"))
                    .isEqualTo("# Top\n\nOne line, collapsed.\n\n### Deep\n\na\nb\n\n---\n\nend");
        }

        @Test
        void nests_lists_and_numbers_ordered_ones_from_their_start() {
            assertThat(markdown("<ul><li>Fruit<ol start=3><li>apple</li><li>pear</li></ol></li><li>Bread</li></ul>"))
                    .isEqualTo("- Fruit\n  3. apple\n  4. pear\n- Bread");
        }

        @Test
        void quotes_blocks_and_marks_emphasis() {
            assertThat(markdown("<blockquote><p>Be <em>brief</em>.</p><p>Be <strong>clear</strong>.</p></blockquote>"))
                    .isEqualTo("> Be *brief*.\n>\n> Be **clear**.");
        }

        @Test
        void turns_a_data_table_into_a_pipe_table() {
            assertThat(markdown("<table><caption>Limits</caption><thead><tr><th>Key</th><th>Default</th></tr></thead>"
                    + "<tbody><tr><td>max-bytes</td><td>2 MiB</td></tr><tr><td>a|b</td></tr></tbody></table>"))
                    .isEqualTo("**Limits**\n\n| Key | Default |\n| --- | --- |\n| max-bytes | 2 MiB |\n| a\\|b |  |");
        }

        @Test
        void reads_a_layout_table_as_blocks() {
            assertThat(markdown("<table><tr><td><h2>Menu</h2></td></tr><tr><td><p>Body text</p></td></tr></table>"))
                    .isEqualTo("## Menu\n\nBody text");
        }

        @Test
        void writes_definition_lists_with_bold_terms() {
            assertThat(markdown("<dl><dt>url</dt><dd>what to fetch</dd></dl>")).isEqualTo("**url**\n\n: what to fetch");
        }

        @Test
        void survives_absurdly_deep_nesting() {
            String html = "<div>".repeat(20_000) + "deep text" + "</div>".repeat(20_000);

            assertThat(markdown(html)).isEqualTo("deep text");
        }
    }

    @Nested
    class Links_and_images {
        @Test
        void are_made_absolute_against_the_page() {
            assertThat(markdown("<p><a href='../api/'>API</a>, <a href='/blog?p=1'>blog</a> and"
                    + " <a href='https://other.example/x'>elsewhere</a></p>")).isEqualTo(
                    "[API](https://docs.example.org/api/), [blog](https://docs.example.org/blog?p=1) and"
                            + " [elsewhere](https://other.example/x)");
        }

        @Test
        void follow_a_base_href() {
            assertThat(markdown("<base href='https://cdn.example.net/v2/'><p><a href='page'>page</a></p>"))
                    .isEqualTo("[page](https://cdn.example.net/v2/page)");
        }

        @Test
        void keep_only_the_text_of_script_links_and_anchors_within_the_page() {
            assertThat(markdown("<p><a href='javascript:void(0)'>Menu</a> <a href='#usage'>Usage</a>"
                    + " <a href='other.html#usage'>Other</a></p>")).isEqualTo(
                    "Menu Usage [Other](https://docs.example.org/guide/other.html#usage)");
        }

        @Test
        void escape_brackets_and_parentheses() {
            assertThat(markdown("<p><a href='/wiki/Foo_(bar)'>[1] Foo</a></p>"))
                    .isEqualTo("[\\[1\\] Foo](https://docs.example.org/wiki/Foo_%28bar%29)");
        }

        @Test
        void show_images_that_have_alt_text_and_skip_the_rest() {
            assertThat(markdown("<p><img src='/img/arch.png' alt='Architecture'><img src='/spacer.gif'>"
                    + "<a href='/home'><img src='/logo.svg'></a></p>"))
                    .isEqualTo("![Architecture](https://docs.example.org/img/arch.png)");
        }
    }

    @Nested
    class Code {
        @Test
        void fences_preformatted_blocks_with_their_language_and_indentation() {
            assertThat(markdown("<pre class='lang-java'>\nclass A {\n    int x;\n}\n</pre>"))
                    .isEqualTo("```java\nclass A {\n    int x;\n}\n```");
        }

        @Test
        void lengthens_the_fence_when_the_code_holds_one() {
            assertThat(markdown("<pre>```md\nx\n```</pre>")).isEqualTo("````\n```md\nx\n```\n````");
        }

        @Test
        void quotes_inline_code_that_holds_backticks() {
            assertThat(markdown("<p>Use <code>a`b</code> or <kbd>Ctrl-C</kbd></p>")).isEqualTo("Use ``a`b`` or `Ctrl-C`");
        }
    }

    @Nested
    class Noise {
        @Test
        void drops_scripts_styles_navigation_footers_sidebars_forms_and_hidden_parts() {
            assertThat(markdown("""
                    <header><a href='/'>Logo</a><nav>Docs | Blog</nav></header>
                    <script>alert('x')</script><style>p{}</style><noscript>Enable JS</noscript>
                    <aside>Related posts</aside>
                    <p>Content <span hidden>secret</span><span style="display: none">also</span></p>
                    <form><p>Search:</p><input name=q><button>Go</button></form>
                    <div aria-hidden="true">icon</div>
                    <footer>Imprint</footer>""")).isEqualTo("Content\n\nSearch:");
        }

        @Test
        void keeps_only_the_main_content_when_the_page_marks_it() {
            assertThat(markdown("<div>Sidebar</div><main><article><header><h1>Post</h1></header><p>Text</p>"
                    + "</article></main><div>Ads</div>")).isEqualTo("# Post\n\nText");
        }

        @Test
        void decodes_entities() {
            assertThat(markdown("<p>a &lt; b &amp;&amp; c &gt; d&nbsp;&mdash; &#x1F600;</p>"))
                    .isEqualTo("a < b && c > d — 😀");
        }
    }

    @Nested
    class Title {
        @Test
        void comes_from_the_title_element() {
            assertThat(HtmlPage.convert("<title>  The\n title </title><h1>Heading</h1>", URL).title())
                    .isEqualTo("The title");
        }

        @Test
        void falls_back_to_the_first_heading() {
            assertThat(HtmlPage.convert("<h1>Heading <small>v2</small></h1>", URL).title()).isEqualTo("Heading v2");
        }

        @Test
        void is_empty_when_the_page_has_neither() {
            assertThat(HtmlPage.convert("<p>text</p>", URL).title()).isEmpty();
        }
    }
}
