package io.switchboard.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The extension itself, end to end: a plugin jar uploaded to a throwaway platform (the default install) is listed
 * as started; the operator's token switches it off and on and removes it. Not run by `mvn test` (surefire takes
 * *Test classes only) and skipped without a distribution; run it after `mvn package` with
 * {@code mvn -pl plugin-testkit test -Dtest=ThrowawayPlatformIT -Dsurefire.failIfNoSpecifiedTests=false
 * -Dswitchboard.platform.dist=$PWD/launcher/target/switchboard -Dswitchboard.plugin.jar=<a plugin jar>}.
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
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(SwitchboardPlatformExtension.pluginJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Plugin-Id");
        }
    }
}
