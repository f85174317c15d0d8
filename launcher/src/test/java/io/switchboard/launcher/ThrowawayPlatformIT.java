package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.platform.SwitchboardPlatformExtension;
import io.switchboard.testkit.platform.SwitchboardPlatformTest;
import io.switchboard.testkit.platform.ThrowawayPlatform;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The test kit's JUnit extension ({@code @SwitchboardPlatformTest}, plugin-testkit) end to end, as a plugin author
 * uses it: this module's distribution started as a throwaway platform, the archetype's worked example
 * ({@code freshdesk-1.0.0.jar}, built by sdk/switchboard-connector-archetype's integration test) uploaded by the
 * extension, then switched off, on and removed with the operator's token. The distribution and the jar come from
 * failsafe ({@code switchboard.platform.dist}, {@code switchboard.plugin.jar} in this module's POM).
 */
@SwitchboardPlatformTest
class ThrowawayPlatformIT {

    @Test
    void theUploadedPluginIsStartedAndTheOperatorManagesIt(ThrowawayPlatform platform) throws Exception {
        String id = pluginId();
        HttpResponse<String> plugins = platform.get("/api/v1/plugins");
        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(plugins.body()).contains("\"id\":\"" + id + "\"").contains("STARTED");

        assertThat(platform.post("/api/v1/plugins/" + id + "/disable", null).statusCode()).isBetween(200, 204);
        assertThat(platform.post("/api/v1/plugins/" + id + "/enable", null).statusCode()).isBetween(200, 204);
        assertThat(platform.delete("/api/v1/plugins/" + id).statusCode()).isEqualTo(204);
        assertThat(platform.get("/api/v1/plugins").body()).doesNotContain("\"id\":\"" + id + "\"");
    }

    private static String pluginId() throws Exception {
        Path path = Path.of(System.getProperty(SwitchboardPlatformExtension.JAR_PROPERTY));
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Plugin-Id");
        }
    }
}
