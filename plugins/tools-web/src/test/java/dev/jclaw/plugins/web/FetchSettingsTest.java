package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.tool.ToolClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** plugins.config.tools-web: defaults, and a message naming the key for every mistake. */
class FetchSettingsTest {

    @Test
    void has_safe_defaults() {
        FetchSettings settings = FetchSettings.from(Json.parseObject("{}"), "1.2.3");

        assertThat(settings.allowList()).isEqualTo(AllowList.NONE);
        assertThat(settings.maxBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.userAgent()).isEqualTo("Mozilla/5.0 (compatible; JClaw-web_fetch/1.2.3)");
        assertThat(settings.toolClass()).isEqualTo(ToolClass.READ);
    }

    @Test
    void reads_every_key() {
        FetchSettings settings = FetchSettings.from(Json.parseObject("""
                {"allow-hosts": ["wiki.corp", "10.0.0.0/8"], "max-bytes": 65536, "timeout-seconds": 5,
                 "user-agent": "Bot/2", "tool-class": "write"}"""), "1");

        assertThat(settings.allowList().hostNames()).containsExactly("wiki.corp");
        assertThat(settings.allowList().blocks()).extracting(Cidr::toString).containsExactly("10.0.0.0/8");
        assertThat(settings.maxBytes()).isEqualTo(65536);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.userAgent()).isEqualTo("Bot/2");
        assertThat(settings.toolClass()).isEqualTo(ToolClass.WRITE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"allow-host\": []}          | plugins.config.tools-web has an unknown key 'allow-host'; it takes allow-hosts,"
                + " max-bytes, timeout-seconds, user-agent and tool-class",
        "{\"tool-class\": \"rw\"}       | plugins.config.tools-web.tool-class must be \"read\" or \"write\" (\"write\""
                + " makes each call ask for approval like a write), got \"rw\"",
        "{\"allow-hosts\": [\"wiki:0\"]} | plugins.config.tools-web.allow-hosts: 'wiki:0' has a bad port; use a number"
                + " from 1 to 65535",
        "{\"max-bytes\": 10}           | plugins.config.tools-web.max-bytes must be from 1024 to 67108864, got 10",
        "{\"timeout-seconds\": 0}      | plugins.config.tools-web.timeout-seconds must be from 1 to 300, got 0",
        "{\"timeout-seconds\": \"5\"}  | plugins.config.tools-web: 'timeout-seconds' must be an integer, got string",
        "{\"user-agent\": \" \"}       | plugins.config.tools-web.user-agent must be 1 to 256 printable ASCII characters",
        "{\"allow-hosts\": \"x\"}      | plugins.config.tools-web: 'allow-hosts' must be an array, got string",
        "{\"allow-hosts\": [1]}        | plugins.config.tools-web.allow-hosts must list strings (host names, IP addresses"
                + " or CIDR blocks), got number",
        "{\"allow-hosts\": [\"1.2.3.4/40\"]} | plugins.config.tools-web.allow-hosts: '1.2.3.4/40' has a bad prefix"
                + " length; use 0 to 32",
    })
    void refuses_a_bad_configuration_naming_the_key(String config, String message) {
        assertThatThrownBy(() -> FetchSettings.from(Json.parseObject(config), "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
