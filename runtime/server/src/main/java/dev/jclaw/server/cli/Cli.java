package dev.jclaw.server.cli;

import dev.jclaw.config.ConfigException;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.host.PluginInfo;
import dev.jclaw.server.JClawServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code jclaw} command line. Exit codes: 0 success, 1 failure, 2 usage error, 3 a tool call needed approval and
 * no one could be asked ({@code jclaw run} without a terminal and without {@code --yes}); an error is one sentence on
 * stderr, never a stack trace.
 */
public final class Cli {
    /** The exit code of a {@code jclaw run} stopped by a tool call that needed approval, with no terminal to ask. */
    public static final int EXIT_NEEDS_APPROVAL = 3;

    static final String HELP = """
            Usage: jclaw [--config FILE] COMMAND

            Commands:
              serve               start the server (stop it with Ctrl-C or SIGTERM)
              plugins list        list plugins: asks the running server, else reads the plugins directory
              plugins info ID     show one plugin
              config check        validate the configuration and print what it resolved to (never secrets)
              run [OPTIONS] PROMPT
                                  one turn in a new conversation; prints the answer (--json: the events as
                                  JSON lines); PROMPT - reads it from standard input, a /command runs it
              chat [OPTIONS]      an interactive session in the terminal
                                  options: --session cli:NAME (default cli:$USER; run continues it),
                                  --continue (run: go on with the last conversation), --workspace DIR (default:
                                  the current directory), --model NAME, --yes (run tool calls without asking)
                                  With a server running on this JClaw home, run and chat talk to it (it holds
                                  the databases): the same conversations, in the same workspace. --url URL
                                  talks to another one, in its workspace for you (token: $JCLAW_TOKEN or typed)
              memory add|search|list|stats|forget|split|reindex [--namespace NS] [--json]
                                  what a user or team remembers: add TEXT [--layer L2|L3] [--type T],
                                  search WORDS [--limit N], list [--layer L] [--all], forget ID REASON,
                                  split ID (a merged near duplicate becomes a memory of its own again)
              users add NAME [--admin] [--tier read-only|approval|yolo] [--password-stdin|--generate]
                                  add a user (default tier: approval); the password is typed twice, read
                                  from standard input, or generated and shown once. Also: users list [--json],
                                  users passwd NAME, users disable|enable|remove NAME, users tier NAME TIER
              keys create --user U --name N
                                  make an API key for a user; printed once, only its hash is kept.
                                  Also: keys list [--user U] [--json] (with last use), keys revoke ID
              audit [--user U] [--since T] [--kind K] [--limit N] [--json]
                                  the audit log, newest first: logins, keys, user changes, approvals;
                                  T is a time (2026-12-07T10:00:00Z), a date or 30m, 24h, 7d back
                                  (with a server running on this JClaw home, users, keys and audit go through it)
              help                show this help
              --version           print the version

            Configuration: ./jclaw.json, ./configs/jclaw.json or $JCLAW_HOME/jclaw.json (JCLAW_HOME defaults to
            ~/.jclaw), overridden by JCLAW_* environment variables. See docs/configuration.md.

            Exit codes: 0 done, 1 failed, 2 usage error, 3 a tool call needed approval and there was no terminal
            to ask (jclaw run without --yes).
            """;

    private static final System.Logger LOG = System.getLogger(Cli.class.getName());

    private final java.io.BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final ConfigLoaderFactory loaders;
    private final boolean terminal;

    /** Makes the config loader once the {@code --config} option is known; tests pass their own environment. */
    @FunctionalInterface
    public interface ConfigLoaderFactory {
        /**
         * Creates a loader.
         *
         * @param explicit the file given with {@code --config}, if any
         * @return the loader
         */
        ConfigLoader create(Optional<Path> explicit);
    }

    /**
     * Creates a CLI.
     *
     * @param out standard output
     * @param err standard error
     * @param loaders makes the configuration loader
     */
    public Cli(PrintStream out, PrintStream err, ConfigLoaderFactory loaders) {
        this(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)), out, err, loaders,
                System.console() != null && System.console().isTerminal());
    }

    /**
     * Creates a CLI reading answers and chat input from a reader.
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param loaders makes the configuration loader
     */
    public Cli(java.io.BufferedReader in, PrintStream out, PrintStream err, ConfigLoaderFactory loaders) {
        this(in, out, err, loaders, false);
    }

    /**
     * Creates a CLI reading answers and chat input from a reader.
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param loaders makes the configuration loader
     * @param terminal whether a person at a terminal types the input (approvals are asked then)
     */
    public Cli(java.io.BufferedReader in, PrintStream out, PrintStream err, ConfigLoaderFactory loaders,
               boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.loaders = loaders;
        this.terminal = terminal;
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public int run(String... args) {
        try {
            return dispatch(new ArrayList<>(List.of(args)));
        } catch (UsageException e) {
            err.println("jclaw: " + e.getMessage() + " (see 'jclaw help')");
            return 2;
        } catch (ConfigException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jclaw: interrupted");
            return 1;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "command failed", e);
            err.println("jclaw: " + ErrorSentence.of(e));
            return 1;
        } catch (LinkageError | AssertionError e) {
            // a broken installation: still one line, naming what is missing
            LOG.log(System.Logger.Level.DEBUG, "command failed", e);
            err.println("jclaw: internal error: a part of JClaw is missing or does not fit (" + e.getMessage()
                    + "); the installation may be incomplete, unpack it again");
            return 1;
        }
    }

    private int dispatch(List<String> args) throws Exception {
        Optional<Path> configFile = Optional.empty();
        if (!args.isEmpty() && args.getFirst().equals("--config")) {
            if (args.size() < 2) {
                throw new UsageException("--config needs a file");
            }
            configFile = Optional.of(Path.of(args.get(1)));
            args = args.subList(2, args.size());
        }
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "help", "--help", "-h" -> {
                out.print(HELP);
                yield 0;
            }
            case "--version", "version" -> {
                out.println("jclaw " + version());
                yield 0;
            }
            case "serve" -> {
                noMore(rest, "serve");
                yield serve(loaders.create(configFile).load());
            }
            case "config" -> {
                if (rest.size() != 1 || !rest.getFirst().equals("check")) {
                    throw new UsageException("expected 'config check'");
                }
                yield new ConfigCheck(out).run(loaders.create(configFile));
            }
            case "plugins" -> plugins(rest, configFile);
            case "run", "chat" -> agent(configFile, command.equals("run"), rest);
            case "memory" -> new MemoryCommand(loaders.create(configFile).load(), out, err).run(rest);
            case "users" -> new UsersCommand(loaders.create(configFile).load(), in, out, err, terminal).run(rest);
            case "keys" -> new KeysCommand(loaders.create(configFile).load(), out, err).run(rest);
            case "audit" -> new AuditCommand(loaders.create(configFile).load(), out, err).run(rest);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /**
     * run and chat: through the server on this home (or --url) when there is one, else in this process; either way
     * the same conversation, {@code user:admin/cli/<name>}, and beside this machine's server or in-process the same
     * workspace, the current directory or {@code --workspace}.
     */
    private int agent(Optional<Path> configFile, boolean run, List<String> rest) throws Exception {
        List<String> args = new ArrayList<>(rest);
        Optional<String> url = ServerTarget.takeUrl(args);
        TurnOptions options = TurnOptions.parse(args, defaultSession(), currentDir());
        if (url.isPresent() && !options.workspace().equals(currentDir())) {
            throw new UsageException("--workspace cannot be used with --url: the server at " + url.get()
                    + " works in its own workspace for your user; run jclaw on that server's machine to name one");
        }
        String prompt = run ? TerminalAgent.prompt(options, in) : "";
        JClawConfig config = loaders.create(configFile).load();
        Optional<Path> workspace = url.isPresent() ? Optional.empty() : Optional.of(workspace(options));
        try (AgentLink link = link(config, url, workspace, !run)) {
            TerminalAgent agent = new TerminalAgent(link, in, out, err, terminal);
            return run ? agent.run(options, prompt) : agent.chat(options);
        } catch (AgentLink.LinkException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        }
    }

    /** @return the server on this home or at --url, else the agent in this process */
    private AgentLink link(JClawConfig config, Optional<String> url, Optional<Path> workspace, boolean chat)
            throws Exception {
        Optional<ServerClient> server = ServerTarget.find(config, url,
                Optional.ofNullable(System.getenv(ServerTarget.TOKEN_ENV)), workspace);
        if (server.isPresent()) {
            return server.get();
        }
        return InProcessAgent.open(config, err, chat, workspace.orElseThrow());
    }

    /** @return the workspace of a turn on this machine, created if missing, as its real path */
    private static Path workspace(TurnOptions options) throws IOException {
        return Files.createDirectories(options.workspace()).toRealPath();
    }

    /** The workspace of run and chat unless --workspace says otherwise, as with every terminal agent. */
    private static Path currentDir() {
        return Path.of("").toAbsolutePath();
    }

    /** @return the terminal's conversation of this OS user: {@code cli:<user>} */
    private static String defaultSession() {
        String user = System.getProperty("user.name", "me").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "").replaceFirst("^[._-]+", "");
        return "cli:" + (user.isEmpty() ? "me" : user.substring(0, Math.min(user.length(), 96)));
    }

    private int plugins(List<String> rest, Optional<Path> configFile) throws Exception {
        if (rest.isEmpty()) {
            throw new UsageException("expected 'plugins list' or 'plugins info ID'");
        }
        PluginsCommand plugins = new PluginsCommand(loaders.create(configFile).load(), out, err);
        return switch (rest.getFirst()) {
            case "list" -> {
                noMore(rest.subList(1, rest.size()), "plugins list");
                yield plugins.list();
            }
            case "info" -> {
                if (rest.size() != 2) {
                    throw new UsageException("expected 'plugins info ID'");
                }
                yield plugins.info(rest.get(1));
            }
            default -> throw new UsageException("unknown plugins command '" + rest.getFirst() + "'");
        };
    }

    private int serve(JClawConfig config) throws Exception {
        JClawServer server = JClawServer.start(config, out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "jclaw-shutdown"));
        List<PluginInfo> plugins = server.host().plugins();
        out.println("JClaw " + version() + " listening on " + server.url() + " - plugins: "
                + (plugins.isEmpty() ? "none" : plugins.stream().map(p -> p.id() + " " + p.state())
                .collect(Collectors.joining(", "))));
        out.flush();
        server.openMemoryInBackground(); // after ready: the first turn need not wait for it
        server.awaitStop();
        return 0;
    }

    private static void noMore(List<String> rest, String command) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException("'" + command + "' takes no argument '" + rest.getFirst() + "'");
        }
    }

    static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("/dev/jclaw/server/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
