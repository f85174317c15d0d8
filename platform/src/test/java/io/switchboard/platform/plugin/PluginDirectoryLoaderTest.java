package io.switchboard.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirectoryLoaderTest {

    @TempDir
    static Path work;

    static PluginDirectoryLoader loader;
    static LoadedPlugins loaded;
    static Map<String, PluginReport> byFile;

    @BeforeAll
    static void loadStandardSet() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TestPluginJars.buildStandardSet(work, plugins);
        // PF4J's own switch-off file must not turn a good plugin into an "incompatible" one.
        Files.writeString(plugins.resolve("disabled.txt"), "good\n");
        loader = new PluginDirectoryLoader(plugins, "1.0.0");
        loaded = loader.load();
        byFile = loaded.reports().stream().collect(Collectors.toMap(PluginReport::jarFile, Function.identity()));
    }

    @AfterAll
    static void close() {
        loader.close();
    }

    @Test
    void everyJarGetsExactlyOneReport() {
        assertThat(byFile.keySet()).containsExactlyInAnyOrder("good-1.0.0.jar", "throwing-1.0.0.jar",
                "incompatible-1.0.0.jar", "empty-1.0.0.jar", "mismatch-1.0.0.jar", "broken-ctor-1.0.0.jar",
                "corrupt.jar");
        assertThat(loaded.reports()).allSatisfy(r -> assertThat(r.sha256()).hasSize(64));
    }

    @Test
    void goodPluginStartsAndItsConnectorIsCallableWithThePluginClassLoader() {
        PluginReport good = byFile.get("good-1.0.0.jar");
        assertThat(good.status()).isEqualTo(PluginStatus.STARTED);
        assertThat(good.pluginId()).isEqualTo("good");
        assertThat(good.reason()).isNull();
        assertThat(good.kinds()).containsExactly(ConnectorKind.TELEPHONY);

        LoadedConnector connector = loaded.connectors().get("good-phone");
        assertThat(connector.connector()).isInstanceOf(TelephonyConnector.class);
        ClassLoader seen = connector.call(c -> Thread.currentThread().getContextClassLoader());
        assertThat(seen).isSameAs(connector.loader()).isNotSameAs(getClass().getClassLoader());
    }

    @Test
    void pluginWhoseStartThrowsIsFailedWithTheCause() {
        PluginReport throwing = byFile.get("throwing-1.0.0.jar");
        assertThat(throwing.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(throwing.reason()).contains("failed to start").contains("boom on start");
        assertThat(loaded.connectors()).doesNotContainKey("throwing-phone");
    }

    @Test
    void incompatibleSpiRangeIsReportedWithBothVersions() {
        PluginReport incompatible = byFile.get("incompatible-1.0.0.jar");
        assertThat(incompatible.status()).isEqualTo(PluginStatus.INCOMPATIBLE);
        assertThat(incompatible.reason()).contains(">=2.0.0").contains("1.0.0");
        assertThat(loaded.connectors()).doesNotContainKey("future-phone");
    }

    @Test
    void corruptJarIsFailedAndNamed() {
        PluginReport corrupt = byFile.get("corrupt.jar");
        assertThat(corrupt.status()).isEqualTo(PluginStatus.FAILED);
        assertThat(corrupt.pluginId()).isNull();
        assertThat(corrupt.reason()).startsWith("not a loadable plugin jar");
    }

    @Test
    void pluginWithoutExtensionsPointsAtTheMissingIndex() {
        assertThat(byFile.get("empty-1.0.0.jar").reason()).contains("extensions.idx");
    }

    @Test
    void connectorWhoseKindContradictsItsInterfaceIsRefused() {
        assertThat(byFile.get("mismatch-1.0.0.jar").status()).isEqualTo(PluginStatus.FAILED);
        assertThat(byFile.get("mismatch-1.0.0.jar").reason())
                .contains("declares kind HELPDESK but implements the TELEPHONY interface");
    }

    @Test
    void connectorWhoseConstructorThrowsIsFailedWithTheCause() {
        assertThat(byFile.get("broken-ctor-1.0.0.jar").status()).isEqualTo(PluginStatus.FAILED);
        assertThat(byFile.get("broken-ctor-1.0.0.jar").reason()).contains("no config");
    }

    @Test
    void onlyTheGoodConnectorIsAvailable() {
        assertThat(loaded.connectors().keySet()).containsExactly("good-phone");
    }

    @Test
    void missingDirectoryLoadsNothingInsteadOfFailing() {
        try (PluginDirectoryLoader missing = new PluginDirectoryLoader(work.resolve("nope"), "1.0.0")) {
            assertThat(missing.load().reports()).isEmpty();
        }
    }
}
