package dev.jclaw.plugins.web;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.api.tool.ToolClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plugin's configuration, {@code plugins.config.tools-web} in jclaw.json. Immutable.
 *
 * @param allowList hosts and address blocks fetched although not public ({@code allow-hosts}, default none)
 * @param maxBytes the most body bytes read per fetch, after decompression ({@code max-bytes}, default 2 MiB)
 * @param timeout the whole fetch, redirects included ({@code timeout-seconds}, default 20)
 * @param userAgent the {@code User-Agent} header ({@code user-agent})
 * @param toolClass the class {@code web_fetch} declares ({@code tool-class}, default {@code read}): {@code write}
 *                  puts it under the approval policy for writes, since a URL carries data to its host
 */
record FetchSettings(AllowList allowList, int maxBytes, Duration timeout, String userAgent, ToolClass toolClass) {

    static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_MAX_BYTES = 64 * 1024 * 1024;
    static final int DEFAULT_TIMEOUT_SECONDS = 20;
    static final int MAX_TIMEOUT_SECONDS = 300;

    private static final String SECTION = "plugins.config.tools-web";
    private static final Set<String> KEYS =
            Set.of("allow-hosts", "max-bytes", "timeout-seconds", "user-agent", "tool-class");

    /**
     * Reads and checks the configuration.
     *
     * @param config the plugin's section, empty when absent
     * @param version the plugin's version, for the default user agent
     * @throws IllegalArgumentException naming the key that is wrong and what it takes
     */
    static FetchSettings from(JsonObject config, String version) {
        try {
            for (String key : config.members().keySet()) {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(SECTION + " has an unknown key '" + key + "'; it takes"
                            + " allow-hosts, max-bytes, timeout-seconds, user-agent and tool-class");
                }
            }
            long maxBytes = config.optLong("max-bytes").orElse((long) DEFAULT_MAX_BYTES);
            if (maxBytes < 1024 || maxBytes > MAX_MAX_BYTES) {
                throw new IllegalArgumentException(SECTION + ".max-bytes must be from 1024 to " + MAX_MAX_BYTES
                        + ", got " + maxBytes);
            }
            long seconds = config.optLong("timeout-seconds").orElse((long) DEFAULT_TIMEOUT_SECONDS);
            if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException(SECTION + ".timeout-seconds must be from 1 to "
                        + MAX_TIMEOUT_SECONDS + ", got " + seconds);
            }
            String userAgent = config.optString("user-agent")
                    .orElse("Mozilla/5.0 (compatible; JClaw-web_fetch/" + version + ")");
            if (userAgent.isBlank() || userAgent.length() > 256 || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(SECTION + ".user-agent must be 1 to 256 printable ASCII"
                        + " characters");
            }
            return new FetchSettings(allowList(config.optArray("allow-hosts").orElse(JsonArray.of())),
                    (int) maxBytes, Duration.ofSeconds(seconds), userAgent, toolClass(config));
        } catch (JsonException e) {
            throw new IllegalArgumentException(SECTION + ": " + e.getMessage(), e);
        }
    }

    private static ToolClass toolClass(JsonObject config) {
        return switch (config.optString("tool-class").orElse("read")) {
            case "read" -> ToolClass.READ;
            case "write" -> ToolClass.WRITE;
            case String other -> throw new IllegalArgumentException(SECTION + ".tool-class must be \"read\" or"
                    + " \"write\" (\"write\" makes each call ask for approval like a write), got \"" + other + "\"");
        };
    }

    private static AllowList allowList(JsonArray entries) {
        List<String> hosts = new ArrayList<>();
        for (JsonValue entry : entries.elements()) {
            if (!(entry instanceof JsonString(String host))) {
                throw new IllegalArgumentException(SECTION + ".allow-hosts must list strings (host names, IP"
                        + " addresses or CIDR blocks), got " + entry.typeName());
            }
            hosts.add(host);
        }
        try {
            return AllowList.parse(hosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SECTION + ".allow-hosts: " + e.getMessage(), e);
        }
    }
}
