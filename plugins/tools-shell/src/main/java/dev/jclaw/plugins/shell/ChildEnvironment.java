package dev.jclaw.plugins.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the environment of a command: the host's environment minus anything that looks like a secret or lets a
 * variable change what runs, plus {@code PWD} and {@code JCLAW_WORKSPACE}. A pure function of its inputs, so the
 * filter is testable without changing the test JVM's environment.
 *
 * <p>A name is dropped when, upper-cased, it
 * <ul>
 *   <li>contains {@code TOKEN}, {@code SECRET}, {@code PASSWORD}, {@code PASSWD}, {@code PASSPHRASE},
 *       {@code CREDENTIAL}, {@code API_KEY}, {@code APIKEY}, {@code PRIVATE_KEY}, {@code ACCESS_KEY} or
 *       {@code AUTH_KEY} — {@code GITHUB_TOKEN}, {@code JCLAW_ADMIN_TOKEN}, {@code X_API_KEY}, …;</li>
 *   <li>starts with a cloud or model vendor's prefix: {@code AWS_}, {@code AZURE_}, {@code ARM_}, {@code GOOGLE_},
 *       {@code GCLOUD_}, {@code CLOUDSDK_}, {@code GCP_}, {@code OPENAI_}, {@code ANTHROPIC_}, {@code JCLAW_};</li>
 *   <li>changes what a program loads or runs: {@code LD_*}, {@code DYLD_*}, {@code BASH_ENV}, {@code ENV},
 *       {@code BASH_FUNC_*} (exported functions), {@code PROMPT_COMMAND}, {@code SHELLOPTS}, {@code BASHOPTS};</li>
 *   <li>reaches an agent holding keys or tickets: {@code SSH_AUTH_SOCK}, {@code GPG_AGENT_INFO}, {@code KRB5CCNAME};</li>
 *   <li>or its value is a URL with a password in it ({@code postgres://user:pw@host/db}).</li>
 * </ul>
 * Names in the allow list are kept whatever they look like. {@code PATH}, {@code HOME}, {@code LANG},
 * {@code TERM}, {@code USER}, {@code SHELL}, {@code TZ} and the rest pass through.
 */
final class ChildEnvironment {

    private static final List<String> SECRET_PARTS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE",
            "CREDENTIAL", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "AUTH_KEY");
    private static final List<String> SECRET_PREFIXES = List.of("AWS_", "AZURE_", "ARM_", "GOOGLE_", "GCLOUD_",
            "CLOUDSDK_", "GCP_", "OPENAI_", "ANTHROPIC_", "JCLAW_", "LD_", "DYLD_", "BASH_FUNC_");
    private static final Set<String> SECRET_NAMES = Set.of("BASH_ENV", "ENV", "PROMPT_COMMAND", "SHELLOPTS",
            "BASHOPTS", "SSH_AUTH_SOCK", "GPG_AGENT_INFO", "KRB5CCNAME");
    /** {@code scheme://user:password@}: credentials in a URL. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@");

    private final Set<String> allowed;

    /**
     * Creates the filter.
     *
     * @param allowed names to keep even when they look like secrets
     */
    ChildEnvironment(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * Returns the environment for a command.
     *
     * @param host the host's environment, e.g. {@link System#getenv()}
     * @param workspace the command's working directory
     * @return a new, sorted map: the kept variables plus {@code PWD} and {@code JCLAW_WORKSPACE}
     */
    Map<String, String> build(Map<String, String> host, Path workspace) {
        Map<String, String> child = new TreeMap<>();
        host.forEach((name, value) -> {
            if (allowed.contains(name) || !isSecret(name, value)) {
                child.put(name, value);
            }
        });
        child.put("PWD", workspace.toString());
        child.put("JCLAW_WORKSPACE", workspace.toString());
        return child;
    }

    /**
     * Tells whether a variable is withheld from commands unless allowed.
     *
     * @param name the variable's name
     * @param value its value
     * @return {@code true} when the name or value looks like a secret or an injection point
     */
    static boolean isSecret(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_NAMES.contains(upper)
                || SECRET_PARTS.stream().anyMatch(upper::contains)
                || SECRET_PREFIXES.stream().anyMatch(upper::startsWith)
                || URL_WITH_PASSWORD.matcher(value).find();
    }
}
