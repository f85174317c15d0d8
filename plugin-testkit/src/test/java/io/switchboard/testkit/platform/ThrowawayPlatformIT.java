package io.switchboard.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The extension itself, end to end: a plugin jar dropped into a throwaway platform is listed as started, and the
 * operator's token works. Not run by `mvn test` (surefire takes *Test classes only) and skipped without a
 * distribution; run it after `mvn package` with
 * {@code mvn -pl plugin-testkit test -Dtest=ThrowawayPlatformIT -Dsurefire.failIfNoSpecifiedTests=false
 * -Dswitchboard.platform.dist=$PWD/launcher/target/switchboard -Dswitchboard.plugin.jar=<a plugin jar>}.
 * DROP_IN because the upload API (POST /api/v1/plugins) comes with another change; switch to UPLOAD with it.
 */
@SwitchboardPlatformTest(install = SwitchboardPlatformTest.Install.DROP_IN)
class ThrowawayPlatformIT {

    @Test
    void theDroppedInPluginIsStartedAndTheOperatorSignedIn(ThrowawayPlatform platform) throws Exception {
        HttpResponse<String> plugins = platform.get("/api/v1/plugins");
        assertThat(plugins.statusCode()).isEqualTo(200);
        String id = pluginId();
        assertThat(plugins.body()).contains("\"id\":\"" + id + "\"").contains("STARTED");
    }

    private static String pluginId() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(SwitchboardPlatformExtension.pluginJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Plugin-Id");
        }
    }
}
