package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path DIST = Path.of("/opt/switchboard");
    private static final Path CWD = Path.of("/home/me/switchboard");
    private static final Path TMP = Path.of("/tmp");

    private static Settings resolve(Map<String, String> props, Map<String, String> env) {
        return Settings.resolve(props, env, DIST, CWD, TMP);
    }

    @Test
    void defaultsRunEmbeddedOnPort8080WithDataBesideTheWorkingDirectory() {
        Settings settings = resolve(Map.of(), Map.of());
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(CWD.resolve("data"));
        assertThat(settings.pluginsDir()).isEqualTo(DIST.resolve("plugins"));
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.embeddedDbPort()).isZero();
        assertThat(settings.javaOpts()).containsExactly("-Xmx512m");
    }

    @Test
    void environmentVariablesUseTheMicroProfileNames() {
        Settings settings = resolve(Map.of(), Map.of("SWITCHBOARD_HTTP_PORT", "9090", "SWITCHBOARD_DATA_DIR", "/srv/sb",
                "SWITCHBOARD_DB_URL", "jdbc:mariadb://db:3306/switchboard", "SWITCHBOARD_DB_USER", "sb",
                "SWITCHBOARD_DB_PASSWORD", "pw", "SWITCHBOARD_JAVA_OPTS", " -Xmx1g  -XX:+UseSerialGC "));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/sb"));
        assertThat(settings.externalDbUrl()).contains("jdbc:mariadb://db:3306/switchboard");
        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(settings.dbUser()).isEqualTo("sb");
        assertThat(settings.javaOpts()).isEqualTo(List.of("-Xmx1g", "-XX:+UseSerialGC"));
    }

    @Test
    void systemPropertiesWinOverEnvironment() {
        Settings settings = resolve(Map.of("switchboard.http.port", "7070"), Map.of("SWITCHBOARD_HTTP_PORT", "9090"));
        assertThat(settings.httpPort()).isEqualTo(7070);
    }

    @Test
    void dataUnderTheTempDirectoryIsRefusedBecauseMariaDb4jWipesIt() {
        assertThatThrownBy(() -> resolve(Map.of("switchboard.data.dir", "/tmp/sb-data"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temporary directory");
    }

    @Test
    void badPortsAreExplained() {
        assertThatThrownBy(() -> resolve(Map.of("switchboard.http.port", "eighty"), Map.of()))
                .hasMessageContaining("switchboard.http.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> resolve(Map.of("switchboard.http.port", "0"), Map.of()))
                .hasMessageContaining("1-65535");
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
