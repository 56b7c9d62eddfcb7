package dev.jclaw.plugins.web;

import dev.jclaw.api.PluginContext;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolProvider;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The web tools this plugin offers: {@code web_fetch}, configured from {@code plugins.config.tools-web}. */
public final class WebTools implements ToolProvider {

    /** Called by the service loader. */
    public WebTools() {
    }

    @Override
    public List<Tool> tools(PluginContext context) {
        FetchSettings settings = FetchSettings.from(context.config(), context.descriptor().version());
        return List.of(webFetch(settings, Resolver.SYSTEM, defaultTls()));
    }

    /** Wires the tool; tests pass their own resolver and trust. */
    static WebFetchTool webFetch(FetchSettings settings, Resolver resolver, SSLContext tls) {
        return new WebFetchTool(settings, new Fetcher(settings, new AddressGuard(settings.allowList(), resolver), tls));
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context: " + e.getMessage(), e);
        }
    }
}
