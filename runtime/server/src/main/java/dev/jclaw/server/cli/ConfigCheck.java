package dev.jclaw.server.cli;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.ModelsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jclaw config check}: loads the configuration as the server would and prints what it resolved to: the file,
 * the data directory, the workspace, the plugins directory and what is in it, the default model and each provider's
 * base URL, then the warnings. Secrets are never printed: of an API key only whether one is set.
 */
final class ConfigCheck {
    private static final int SHOWN_ENTRIES = 20;

    private final PrintStream out;

    ConfigCheck(PrintStream out) {
        this.out = out;
    }

    int run(ConfigLoader loader) {
        ConfigLoader.Checked checked = loader.check();
        JClawConfig config = checked.config();
        out.println("Configuration is valid.");
        row("config file", config.file().map(Path::toString).orElse("none; defaults and the environment apply"));
        if (!config.provenance().environmentOverrides().isEmpty()) {
            row("environment", String.join(", ", config.provenance().environmentOverrides().values()));
        }
        row("data dir", config.dataDir().toString());
        row("workspace", config.workspace().toString());
        row("plugins dir", config.plugins().dir().toString());
        row("", contents(config.plugins().dir()));
        ModelsConfig models = config.models();
        row("model", models.defaultModel().isEmpty() ? "none; " + ModelsConfig.HOW_TO_CONFIGURE
                : models.defaultModel());
        models.providers().values().forEach(p -> row("provider", p.name() + " " + withoutUserInfo(p.baseUrl())
                + (p.apiKey().isEmpty() ? " (no api key)" : " (api key set)")));
        for (String warning : checked.warnings()) {
            out.println("warning: " + warning);
        }
        return 0;
    }

    /** A base URL may carry credentials as {@code user:password@}; those are a secret too. */
    static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int path = url.indexOf('/', scheme + 3);
        return scheme > 0 && at > scheme && (path < 0 || at < path)
                ? url.substring(0, scheme + 3) + "<redacted>@" + url.substring(at + 1) : url;
    }

    private void row(String name, String value) {
        out.printf("  %-14s %s%n", name.isEmpty() ? "" : name + ":", value);
    }

    /** The plugin jars and directories, as the host would see them; hidden files are left out, as the host does. */
    private static String contents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "(does not exist: no plugin loads)";
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
            if (names.isEmpty()) {
                return "(empty: no plugin loads)";
            }
            String shown = String.join(", ", names.subList(0, Math.min(SHOWN_ENTRIES, names.size())));
            return names.size() > SHOWN_ENTRIES ? shown + ", and " + (names.size() - SHOWN_ENTRIES) + " more" : shown;
        } catch (IOException e) {
            return "(cannot be read; check its permissions)";
        }
    }
}
