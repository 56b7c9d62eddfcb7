/**
 * Web tools for the model: {@code web_fetch} reads a public web page as markdown. It connects only to addresses it
 * has resolved and checked itself, so loopback, private and link-local hosts stay out of reach, also after
 * redirects and DNS answers, unless the configuration allows them.
 */
module dev.jclaw.plugins.web {
    requires dev.jclaw.api;
    requires java.net.http;
    requires org.jsoup;

    provides dev.jclaw.api.Plugin with dev.jclaw.plugins.web.WebPlugin;
    provides dev.jclaw.api.tool.ToolProvider with dev.jclaw.plugins.web.WebTools;
}
