package dev.jclaw.api;

import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What a plugin says about itself, in {@code META-INF/jclaw-plugin.properties} of its jar:
 *
 * <pre>
 * id=tools-files
 * version=1.2.0
 * api-version=1.0
 * description=Read files in the workspace
 * </pre>
 *
 * <p>The host reads and checks it before it builds the plugin's module layer: an id that is not lower-case
 * letters, digits and dashes, or an {@code api-version} the host cannot satisfy, refuses the plugin.
 *
 * @param id stable identifier, e.g. {@code tools-files}
 * @param version the plugin's own version
 * @param apiVersion the plugin API version it was built against
 * @param description one line for listings; may be empty
 * @since 0.1
 */
public record PluginDescriptor(String id, String version, ApiVersion apiVersion, String description) {

    /** Where the descriptor lives inside a plugin jar. */
    public static final String RESOURCE = "META-INF/jclaw-plugin.properties";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Checks the fields. */
    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(description, "description");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "plugin id '" + id + "' must be 1-64 lower-case letters, digits or dashes, starting with a letter");
        }
        if (version.isBlank() || version.length() > 64) {
            throw new IllegalArgumentException("plugin '" + id + "' has an empty or over-long version");
        }
    }

    /**
     * Reads a descriptor from its properties.
     *
     * @param properties the loaded properties file
     * @return the descriptor
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static PluginDescriptor from(Properties properties) {
        return new PluginDescriptor(
                required(properties, "id"),
                required(properties, "version"),
                ApiVersion.parse(required(properties, "api-version")),
                properties.getProperty("description", "").strip());
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(RESOURCE + " lacks the key '" + key + "'");
        }
        return value.strip();
    }
}
