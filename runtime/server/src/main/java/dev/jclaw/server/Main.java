package dev.jclaw.server;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.cli.Cli;

/** The {@code jclaw} launcher's entry point. */
public final class Main {
    // held strongly: java.util.logging keeps loggers only weakly
    private static final java.util.logging.Logger HELIDON = java.util.logging.Logger.getLogger("io.helidon");
    private static final java.util.logging.Logger ROOT = java.util.logging.Logger.getLogger("");
    // the embedding runtime's GPU probe and tokenizer defaults, and Lucene's hint about the incubating vector API
    private static final java.util.logging.Logger DJL = java.util.logging.Logger.getLogger("ai.djl");
    private static final java.util.logging.Logger VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s %3$s: %5$s%6$s%n");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            // Helidon's start-up chatter is not for users; its warnings and errors still show
            HELIDON.setLevel(java.util.logging.Level.WARNING);
            DJL.setLevel(java.util.logging.Level.SEVERE);
            VECTORS.setLevel(java.util.logging.Level.SEVERE);
            if (!java.util.Arrays.asList(args).contains("serve")) {
                // a terminal command (run, chat, plugins, …) shows its own output; only warnings and errors join it
                ROOT.setLevel(java.util.logging.Level.WARNING);
            }
        }
        int code = new Cli(System.out, System.err, explicit -> explicit.map(ConfigLoader::system).orElseGet(ConfigLoader::system)).run(args);
        if (code != 0 || (args.length > 0 && !args[args.length - 1].equals("serve"))) {
            System.exit(code);
        }
    }
}
