package io.switchboard.testkit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one {@link ThrowawayPlatform} per test class annotated {@link SwitchboardPlatformTest}, installs the plugin
 * jar and stops the platform after the class (JUnit closes it with the class's extension store).
 */
public final class SwitchboardPlatformExtension implements BeforeAllCallback, ParameterResolver {

    /** The distribution folder: switchboard-launcher.jar, payara-micro.jar, the WAR, plugins/. */
    public static final String DIST_PROPERTY = "switchboard.platform.dist";
    /** The plugin jar to install; default: the jar in target/ whose manifest has a Plugin-Id. */
    public static final String JAR_PROPERTY = "switchboard.plugin.jar";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SwitchboardPlatformExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String dist = System.getProperty(DIST_PROPERTY, "");
        Assumptions.assumeFalse(dist.isBlank(), "no Switchboard distribution: set -D" + DIST_PROPERTY
                + "=<folder with switchboard-launcher.jar> to run the platform tests");
        SwitchboardPlatformTest settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
                SwitchboardPlatformTest.class).orElseThrow();
        Path jar = pluginJar();
        Path work = Files.createDirectories(Path.of("target", "switchboard-platform-test"));
        ThrowawayPlatform platform = ThrowawayPlatform.start(Path.of(dist), work,
                settings.install() == SwitchboardPlatformTest.Install.DROP_IN ? Optional.of(jar) : Optional.empty());
        context.getStore(NAMESPACE).put(ThrowawayPlatform.class, platform);
        if (settings.install() == SwitchboardPlatformTest.Install.UPLOAD) {
            platform.upload(jar);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ThrowawayPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(ThrowawayPlatform.class, ThrowawayPlatform.class);
    }

    /** The configured jar, or the one plugin jar (a jar with a Plugin-Id) in target/. */
    static Path pluginJar() throws IOException {
        String configured = System.getProperty(JAR_PROPERTY, "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).filter(SwitchboardPlatformExtension::isPlugin)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no plugin jar in target/ (run the"
                            + " tests in the integration-test phase, after package, or set -D" + JAR_PROPERTY + ")"));
        }
    }

    private static boolean isPlugin(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Plugin-Id") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
