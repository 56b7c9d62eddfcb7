package dev.jclaw.api.process;

import java.io.IOException;
import java.util.List;

/** See {@link ProcessSandbox#unconfined}. */
record Unconfined(SandboxStatus status) implements ProcessSandbox {

    @Override
    public List<String> confine(SandboxCommand command) {
        return command.argv();
    }

    @Override
    public Process start(ProcessBuilder builder) throws IOException {
        return builder.start();
    }
}
