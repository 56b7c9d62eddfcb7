package dev.jclaw.core.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sandbox hides and what it leaves writable besides the workspace.
 *
 * @param own JClaw's own files: its home, data directory, configuration file
 * @param homes the user's home directories, where {@link #USER_SECRETS} and {@code ~/} entries are looked for
 * @param hide more paths to hide, absolute or {@code ~/...}
 * @param writable more directories to leave writable, absolute or {@code ~/...}
 */
public record SandboxPaths(List<Path> own, List<Path> homes, List<String> hide, List<String> writable) {

    /**
     * The usual places of credentials in a home directory: keys, cloud and cluster logins, registry and package
     * index tokens, password stores, browser profiles (cookies).
     */
    public static final List<String> USER_SECRETS = List.of(".ssh", ".gnupg", ".aws", ".azure", ".config/gcloud",
            ".kube", ".docker", ".netrc", ".git-credentials", ".config/gh", ".config/hub", ".npmrc", ".yarnrc",
            ".pypirc", ".gem/credentials", ".cargo/credentials", ".cargo/credentials.toml",
            ".m2/settings-security.xml", ".gradle/gradle.properties", ".terraform.d/credentials.tfrc.json",
            ".vault-token", ".password-store", ".local/share/keyrings", ".config/op", ".mozilla",
            ".config/google-chrome", ".config/chromium");

    /** Outside the home: the user's runtime directories (agent sockets) and Docker's socket, root in effect. */
    public static final List<String> SYSTEM_SECRETS = List.of("/run/user", "/run/docker.sock",
            "/var/run/docker.sock");

    /** Copies the lists. */
    public SandboxPaths {
        own = List.copyOf(own);
        homes = List.copyOf(homes);
        hide = List.copyOf(hide);
        writable = List.copyOf(writable);
    }

    /**
     * Returns every path to hide, absolute.
     *
     * @return JClaw's own files, the secret places of each home, the system's and the configured ones
     */
    public List<Path> hidden() {
        List<Path> paths = new ArrayList<>(own);
        for (Path home : homes) {
            USER_SECRETS.forEach(secret -> paths.add(home.resolve(secret)));
        }
        SYSTEM_SECRETS.forEach(secret -> paths.add(Path.of(secret)));
        paths.addAll(resolve(hide));
        return paths;
    }

    /**
     * Returns the writable directories besides the workspace, absolute.
     *
     * @return the paths
     */
    public List<Path> writableDirectories() {
        return resolve(writable);
    }

    private List<Path> resolve(List<String> entries) {
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            if (entry.equals("~")) {
                paths.addAll(homes);
            } else if (entry.startsWith("~/")) {
                homes.forEach(home -> paths.add(home.resolve(entry.substring(2))));
            } else {
                paths.add(Path.of(entry));
            }
        }
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
