package dev.jclaw.api;

/**
 * A plugin API version, {@code major.minor}. A plugin built for {@code M.m} runs on a host offering
 * {@code M.n} with {@code n >= m}; any other major is refused before the plugin's layer is built.
 *
 * @param major incompatible changes
 * @param minor compatible additions
 * @since 0.1
 */
public record ApiVersion(int major, int minor) {

    /**
     * The version of the API in this jar. {@code 1.1} added the hook points {@code beforePromptBuild},
     * {@code afterModelResponse}, {@code beforeCompaction}, {@code afterCompaction} and {@code priority};
     * {@code 1.2} added the host's process sandbox ({@code dev.jclaw.api.process}, {@code PluginContext.sandbox()})
     * and workspace path resolution in {@code ToolContext}; {@code 1.3} added the agent gateway
     * ({@code dev.jclaw.api.gateway}), host services ({@code PluginContext.services()}) and
     * {@code ToolsChanged}.
     */
    public static final ApiVersion CURRENT = new ApiVersion(1, 3);

    /** Checks the numbers. */
    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("API version numbers must not be negative");
        }
    }

    /**
     * Parses {@code "1"} or {@code "1.2"}.
     *
     * @param text the version text
     * @return the version
     * @throws IllegalArgumentException when the text is not a version
     */
    public static ApiVersion parse(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("api version '" + text + "' is not of the form MAJOR.MINOR");
        }
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("api version '" + text + "' is not of the form MAJOR.MINOR", e);
        }
    }

    /**
     * Tells whether a plugin built against {@code required} runs on a host offering this version.
     *
     * @param required the version the plugin was built for
     * @return {@code true} when the major numbers match and this minor is at least the required one
     */
    public boolean satisfies(ApiVersion required) {
        return major == required.major && minor >= required.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
