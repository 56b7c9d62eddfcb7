package dev.jclaw.server.cli;

import dev.jclaw.config.JClawConfig;
import dev.jclaw.server.admin.RuntimeFile;
import java.io.Console;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code jclaw run} and {@code jclaw chat} run their turns: in the server given with {@code --url} (its token
 * from {@code JCLAW_TOKEN}, or typed without echo), else in the server running on this JClaw home (found through
 * {@code data/run/server.json}, alive and answering {@code /health}; its local token authenticates), else in this
 * process.
 */
final class ServerTarget {
    /** The environment variable that holds the token for {@code --url}. */
    static final String TOKEN_ENV = "JCLAW_TOKEN";

    private ServerTarget() {
    }

    /**
     * Removes {@code --url URL} from the arguments.
     *
     * @param args the command's arguments, changed in place
     * @return the URL, if given
     */
    static Optional<String> takeUrl(List<String> args) throws UsageException {
        int i = args.indexOf("--url");
        int end = args.indexOf("--");
        if (i < 0 || (end >= 0 && end < i)) {
            return Optional.empty();
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException("--url needs a server's address, e.g. --url https://jclaw.example.org");
        }
        String url = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return Optional.of(url);
    }

    /**
     * Finds the server to talk to.
     *
     * @param config the configuration (its data directory holds server.json)
     * @param url the {@code --url}, if given
     * @param token the {@code JCLAW_TOKEN} value, if set
     * @return the server, or empty to run in this process
     * @throws ServerClient.ServerException when {@code --url} is unusable or it has no token
     */
    static Optional<ServerClient> find(JClawConfig config, Optional<String> url, Optional<String> token)
            throws ServerClient.ServerException {
        return find(config, url, token, Optional.empty());
    }

    /**
     * Finds the server to talk to, giving the one on this JClaw home the workspace of its turns.
     *
     * @param config the configuration (its data directory holds server.json)
     * @param url the {@code --url}, if given
     * @param token the {@code JCLAW_TOKEN} value, if set
     * @param localWorkspace the directory the turns of the server on this home work in (this machine's terminal
     *                       names it, as in-process); a server given with {@code --url} chooses its own
     * @return the server, or empty to run in this process
     * @throws ServerClient.ServerException when {@code --url} is unusable or it has no token
     */
    static Optional<ServerClient> find(JClawConfig config, Optional<String> url, Optional<String> token,
                                       Optional<Path> localWorkspace) throws ServerClient.ServerException {
        if (url.isPresent()) {
            URI base = parse(url.get());
            String secret = token.filter(t -> !t.isBlank()).or(() -> typed(base)).orElseThrow(() ->
                    new ServerClient.ServerException("--url needs a token: set " + TOKEN_ENV + " to an API key"
                            + " (jclaw keys create) or run at a terminal to type it"));
            return Optional.of(new ServerClient(base, secret.strip()));
        }
        Optional<RuntimeFile> local = RuntimeFile.read(config.dataDir());
        if (local.isEmpty()) {
            return Optional.empty();
        }
        ServerClient client;
        try {
            client = new ServerClient(parse(local.get().url()), local.get().token(), localWorkspace);
        } catch (ServerClient.ServerException e) {
            return Optional.empty(); // a damaged file: the in-process path says what holds the database, if any
        }
        if (client.healthy()) {
            return Optional.of(client);
        }
        client.close();
        return Optional.empty();
    }

    private static URI parse(String url) throws ServerClient.ServerException {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getUserInfo() != null) {
                throw new URISyntaxException(url, "not an http(s)://host[:port] address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ServerClient.ServerException("'" + url.replaceAll("\\p{Cntrl}", "?") + "' is not a server"
                    + " address; give one like https://jclaw.example.org or http://127.0.0.1:8080");
        }
    }

    private static Optional<String> typed(URI base) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("Token for %s: ", base);
        return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(new String(typed));
    }
}
