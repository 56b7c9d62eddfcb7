package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.model.FakeModelServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the built {@code bin/jclaw} as a user does: its own process, a JClaw home, the fake model server. */
final class JClawProcess {
    private JClawProcess() {
    }

    record Result(int code, String out, String err) {
    }

    static Result run(Path home, FakeModelServer model, Map<String, String> extraEnv, String... args)
            throws Exception {
        return run(home, home, Path.of("/dev/null"), model, extraEnv, args);
    }

    /**
     * Runs {@code bin/jclaw} in a directory of its own, with standard input from a file (never a terminal).
     *
     * @param dir the working directory
     * @param home the JClaw home
     * @param stdin what standard input reads
     */
    static Result run(Path dir, Path home, Path stdin, FakeModelServer model, Map<String, String> extraEnv,
                      String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(DistributionTest.DIST.resolve("bin/jclaw").toString()), Stream.of(args)).toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("JCLAW_MODEL", "fake-1");
        env.remove("OPENAI_API_KEY");
        env.putAll(extraEnv);
        builder.directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }
}
