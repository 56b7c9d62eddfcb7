package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/** Checks the argument names of a call: an unknown name is refused naming the ones the tool takes. */
final class Args {
    private Args() {
    }

    static void only(JsonObject arguments, String tool, Set<String> allowed) {
        for (String name : arguments.members().keySet()) {
            if (!allowed.contains(name)) {
                throw new JsonException("unknown argument " + Workspace.quote(name) + "; " + tool + " takes "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }
}
