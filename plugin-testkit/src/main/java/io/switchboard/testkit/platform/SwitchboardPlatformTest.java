package io.switchboard.testkit.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end test of a plugin jar in a throwaway Switchboard: before the class's tests, a platform is started from
 * a distribution folder (the launcher's: embedded MariaDB + Payara Micro + the platform WAR) with a data folder of its
 * own, and the plugin jar is installed; test methods take a {@link ThrowawayPlatform} parameter to use it through
 * the REST API; after them the platform is stopped.
 *
 * <pre>{@code
 * @SwitchboardPlatformTest
 * class AcmePlatformIT {
 *     @Test
 *     void theCatalogueListsTheConnector(ThrowawayPlatform platform) {
 *         assertThat(platform.get("/api/v1/plugins").body()).contains("\"acme\"");
 *     }
 * }
 * }</pre>
 *
 * <p>Where things come from (system properties, e.g. failsafe's {@code systemPropertyVariables}):
 * {@code switchboard.platform.dist} the distribution folder (required; without it the tests are skipped, so a plain
 * {@code mvn test} never needs a platform), {@code switchboard.plugin.jar} the jar to install (default: the plugin
 * jar in {@code target/}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SwitchboardPlatformExtension.class)
@Tag("switchboard-platform")
public @interface SwitchboardPlatformTest {

    /** How the plugin jar gets into the platform. */
    Install install() default Install.UPLOAD;

    /** Ways to install the plugin jar. */
    enum Install {
        /** {@code POST /api/v1/plugins} with the jar once the platform is up, as an operator does at run time. */
        UPLOAD,
        /** Copied into the plugins folder before the platform starts (for platforms without the upload API). */
        DROP_IN,
        /** Not installed: the test uploads it itself ({@link ThrowawayPlatform#upload}). */
        NONE
    }
}
