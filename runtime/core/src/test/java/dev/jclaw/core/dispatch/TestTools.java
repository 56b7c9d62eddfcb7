package dev.jclaw.core.dispatch;

import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.model.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tool port of lambdas, recording nothing: tests observe what the tools themselves record. */
public final class TestTools implements ToolPort {
    /** One tool's body. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs a call.
         *
         * @param context the call
         * @return the result
         * @throws Exception to fail
         */
        ToolResult run(ToolContext context) throws Exception;
    }

    private record Entry(ToolClass toolClass, String schema, Body body) {
    }

    private final Map<String, Entry> tools = new LinkedHashMap<>();

    /**
     * Adds a tool.
     *
     * @param name the name
     * @param toolClass read or write
     * @param body the body
     * @return this
     */
    public TestTools add(String name, ToolClass toolClass, Body body) {
        return add(name, toolClass, "{\"type\":\"object\"}", body);
    }

    /**
     * Adds a tool with a parameters schema.
     *
     * @param name the name
     * @param toolClass read or write
     * @param schema the JSON Schema of its arguments
     * @param body the body
     * @return this
     */
    public TestTools add(String name, ToolClass toolClass, String schema, Body body) {
        tools.put(name, new Entry(toolClass, schema, body));
        return this;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return tools.entrySet().stream()
                .map(e -> new ToolDefinition(e.getKey(), "test tool " + e.getKey(), e.getValue().schema())).toList();
    }

    @Override
    public Optional<ToolClass> classOf(String name) {
        return Optional.ofNullable(tools.get(name)).map(Entry::toolClass);
    }

    @Override
    public Optional<ToolResult> call(String name, ToolContext context) {
        Entry entry = tools.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(entry.body().run(context));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ToolResult.failed("interrupted"));
        } catch (Exception e) {
            return Optional.of(ToolResult.failed(e.toString()));
        }
    }
}
