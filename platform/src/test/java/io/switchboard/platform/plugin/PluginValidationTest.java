package io.switchboard.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.persistence.PlatformInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar offered for upload is loaded on its own and unloaded again before anything is stored (ADR 0011): each way a
 * jar can be bad is refused with the reason.
 */
class PluginValidationTest {

    private static final String SPI = ">=1.0.0 & <2.0.0";

    @TempDir
    Path work;

    private PluginHost host() {
        return new PluginHost(work.resolve("plugins").toString(), Optional.of(work.resolve("cache").toString()), 30,
                Optional.empty(), 5, 2000, null, null, new PlatformInstance());
    }

    private byte[] jar(String pluginId, String requires, String pluginClass, Map<String, String> sources)
            throws IOException {
        Path jar = new TestPluginJars(work).build(pluginId + ".jar", work.resolve("jars"), pluginId, "1.2.0", requires,
                pluginClass, sources);
        return Files.readAllBytes(jar);
    }

    @Test
    void aGoodJarIsStartedWithItsConnectorsAndLeavesNothingBehind() throws IOException {
        PluginReport report = host().validate(jar("acme", SPI, null,
                Map.of("AcmeConnector", TestPluginJars.telephonySource("AcmeConnector", "acme-phone", "TELEPHONY"))));
        assertThat(report.status()).isEqualTo(PluginStatus.STARTED);
        assertThat(report.pluginId()).isEqualTo("acme");
        assertThat(report.version()).isEqualTo("1.2.0");
        assertThat(report.connectors()).extracting(ConnectorInfo::id).containsExactly("acme-phone");
        try (var left = Files.list(work.resolve("cache"))) {
            assertThat(left.flatMap(instance -> {
                try {
                    return Files.list(instance);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("the throwaway copy is deleted").isEmpty();
        }
    }

    @Test
    void corruptBytesAreRefused() throws IOException {
        byte[] corrupt = Files.readAllBytes(TestPluginJars.corrupt(work, "corrupt.jar"));
        PluginReport report = host().validate(corrupt);
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).startsWith("not a loadable plugin jar");
    }

    @Test
    void aJarForAnotherSpiRangeIsRefusedNamingBothVersions() throws IOException {
        PluginReport report = host().validate(jar("future", ">=2.0.0", null,
                Map.of("FutureConnector", TestPluginJars.telephonySource("FutureConnector", "future-phone", "TELEPHONY"))));
        assertThat(report.status()).isEqualTo(PluginStatus.INCOMPATIBLE);
        assertThat(report.reason()).contains(">=2.0.0").contains("this platform provides");
    }

    @Test
    void aJarWithoutExtensionsIsRefused() throws IOException {
        PluginReport report = host().validate(jar("empty", SPI, null, Map.of()));
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).contains("declares no connector extensions");
    }

    @Test
    void aConnectorThatThrowsWhenCreatedIsRefused() throws IOException {
        PluginReport report = host().validate(jar("broken", SPI, null, Map.of("BrokenConnector",
                TestPluginJars.telephonySource("BrokenConnector", "broken", "TELEPHONY").replace(
                        "public CheckResult check",
                        "public BrokenConnector() { throw new IllegalStateException(\"no config\"); }\n"
                                + "    public CheckResult check"))));
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).contains("cannot be created").contains("no config");
    }

    @Test
    void aClassThatThrowsWhenLoadedIsRefused() throws IOException {
        PluginReport report = host().validate(jar("static-boom", SPI, null, Map.of("StaticBoomConnector",
                TestPluginJars.telephonySource("StaticBoomConnector", "static-boom", "TELEPHONY").replace(
                        "public CheckResult check",
                        "static { if (true) throw new IllegalStateException(\"boom on load\"); }\n"
                                + "    public CheckResult check"))));
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).contains("boom on load");
    }

    @Test
    void aPluginClassThatThrowsOnStartIsRefused() throws IOException {
        PluginReport report = host().validate(jar("throwing", SPI, "test.plugins.ThrowingPlugin", Map.of(
                "ThrowingPlugin", """
                        package test.plugins;
                        public class ThrowingPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("boom on start"); }
                        }
                        """,
                "ThrowingConnector", TestPluginJars.telephonySource("ThrowingConnector", "throwing-phone", "TELEPHONY"))));
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).contains("boom on start");
    }

    @Test
    void anInvalidDescriptorIsRefused() throws IOException {
        PluginReport report = host().validate(jar("mismatch", SPI, null,
                Map.of("MismatchConnector", TestPluginJars.telephonySource("MismatchConnector", "mismatch", "HELPDESK"))));
        assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(report.reason()).contains("declares kind HELPDESK");
    }
}
