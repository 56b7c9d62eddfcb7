package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppHomeTest {
    @TempDir
    Path tmp;

    @Test
    void the_default_plugins_dir_lies_in_the_distribution_when_the_launcher_names_it() {
        ConfigFixture fixture = new ConfigFixture(tmp);
        Path app = tmp.resolve("dist");
        JClawConfig config = fixture.loader().appHome(app).build().load();
        assertThat(config.plugins().dir()).isEqualTo(app.resolve("plugins"));
    }

    @Test
    void a_plugins_dir_from_the_file_or_the_environment_still_wins() {
        ConfigFixture fixture = new ConfigFixture(tmp);
        Path app = tmp.resolve("dist");
        fixture.write("jclaw.json", "{\"plugins\": {\"dir\": \"mine\"}}");
        assertThat(fixture.loader().appHome(app).build().load().plugins().dir())
                .isEqualTo(fixture.workingDir.resolve("mine"));
        fixture.env("JCLAW_PLUGINS_DIR", "/opt/p");
        assertThat(fixture.loader().appHome(app).build().load().plugins().dir()).isEqualTo(Path.of("/opt/p"));
    }

    @Test
    void without_an_app_home_the_default_resolves_against_the_working_directory() {
        ConfigFixture fixture = new ConfigFixture(tmp);
        assertThat(fixture.load().plugins().dir()).isEqualTo(fixture.workingDir.resolve("plugins"));
    }
}
