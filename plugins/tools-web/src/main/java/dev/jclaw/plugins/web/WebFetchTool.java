package dev.jclaw.plugins.web;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.util.Set;

/**
 * The {@code web_fetch} tool: a public web page as markdown, or a text document as it is.
 *
 * <p>Output: {@code # <title>}, {@code URL: <final url>}, a blank line and the content, cut at {@code max_chars}
 * with a trailer saying how much was left out. Every failure is one sentence: a refused or invalid URL, an HTTP
 * status, a timeout, an unreadable type or charset. Stateless and thread-safe.
 */
final class WebFetchTool implements Tool {

    static final int DEFAULT_MAX_CHARS = 50_000;
    static final int MIN_MAX_CHARS = 100;
    static final int MAX_MAX_CHARS = 200_000;
    static final String NO_TEXT = "(the page has no readable text; it may be built by JavaScript, which web_fetch"
            + " does not run)";

    private static final Set<String> ARGUMENTS = Set.of("url", "max_chars");

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "url": {
                  "type": "string",
                  "description": "The http or https URL to fetch, e.g. https://example.org/docs/intro"
                },
                "max_chars": {
                  "type": "integer",
                  "minimum": %d,
                  "maximum": %d,
                  "default": %d,
                  "description": "The most characters of content to return"
                }
              },
              "required": ["url"],
              "additionalProperties": false
            }
            """.formatted(MIN_MAX_CHARS, MAX_MAX_CHARS, DEFAULT_MAX_CHARS);

    private final FetchSettings settings;
    private final Fetcher fetcher;

    WebFetchTool(FetchSettings settings, Fetcher fetcher) {
        this.settings = settings;
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return "web_fetch";
    }

    @Override
    public String description() {
        return "Fetches a public web page and returns it as markdown (title, final URL, then the content with"
                + " absolute links); plain text, markdown, JSON and XML come back as they are. Follows up to "
                + Fetcher.MAX_REDIRECTS + " redirects. Does not run JavaScript, log in, or read images and PDFs."
                + " Local and private network addresses are refused. Output is cut at max_chars (default "
                + DEFAULT_MAX_CHARS + ").";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolClass toolClass() {
        return settings.toolClass();
    }

    @Override
    public ToolResult execute(ToolContext context) throws InterruptedException {
        String url;
        int maxChars;
        try {
            for (String name : context.arguments().members().keySet()) {
                if (!ARGUMENTS.contains(name)) {
                    throw new JsonException("unknown argument '" + name + "'; web_fetch takes 'url' and 'max_chars'");
                }
            }
            url = context.arguments().string("url");
            maxChars = maxChars(context.arguments());
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        WebUrl start;
        switch (WebUrl.parse(url)) {
            case WebUrl.Parsed.Valid valid -> start = valid.url();
            case WebUrl.Parsed.Invalid invalid -> {
                return ToolResult.failed(invalid.message());
            }
        }
        return switch (fetcher.fetch(start, context.deadline())) {
            case Fetcher.Result.Failure failure -> ToolResult.failed(failure.message());
            case Fetcher.Result.Page page -> render(page, maxChars);
        };
    }

    private ToolResult render(Fetcher.Result.Page page, int maxChars) {
        boolean html = page.kind() == ContentType.Kind.HTML;
        return switch (TextDecoder.decode(page.body(), page.type(), html)) {
            case TextDecoder.Decoded.Undecodable undecodable -> ToolResult.failed(undecodable.message());
            case TextDecoder.Decoded.Text decoded -> ToolResult.ok(format(page, decoded.text(), html, maxChars));
        };
    }

    private String format(Fetcher.Result.Page page, String text, boolean html, int maxChars) {
        String title = "";
        String content = text.strip();
        if (html) {
            HtmlPage converted = HtmlPage.convert(text, page.url().toString());
            title = converted.title();
            content = converted.markdown();
        }
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append("# ").append(title).append('\n');
        }
        out.append("URL: ").append(page.url()).append("\n\n");
        if (content.isEmpty()) {
            out.append(html ? NO_TEXT : "(the document is empty)");
        } else if (content.length() > maxChars) {
            int cut = Character.isLowSurrogate(content.charAt(maxChars)) ? maxChars - 1 : maxChars;
            out.append(content, 0, cut).append("\n\n… [cut at ").append(cut).append(" of ").append(content.length())
                    .append(" characters");
            out.append(maxChars < MAX_MAX_CHARS
                    ? "; call web_fetch again with a larger max_chars (at most " + MAX_MAX_CHARS + ") to read more]"
                    : "]");
        } else {
            out.append(content);
        }
        if (page.cut()) {
            out.append("\n\n… [the download stopped at ").append(settings.maxBytes() / 1024)
                    .append(" KiB, the size limit; the rest of the document is not shown]");
        }
        return out.toString();
    }

    private static int maxChars(JsonObject arguments) {
        long value = arguments.optLong("max_chars").orElse((long) DEFAULT_MAX_CHARS);
        if (value < MIN_MAX_CHARS || value > MAX_MAX_CHARS) {
            throw new JsonException("'max_chars' must be from " + MIN_MAX_CHARS + " to " + MAX_MAX_CHARS + ", got "
                    + value);
        }
        return (int) value;
    }
}
