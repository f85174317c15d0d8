package io.switchboard.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets key for a local installation when none is configured: made once (32 random bytes) in
 * {@code <data dir>/secrets.key}, readable by the owner only, and reused on every start so stored secrets stay
 * readable. Production configures {@code SWITCHBOARD_SECRETS_KEYS} instead.
 */
final class LocalSecretsKey {

    static final String FILE = "secrets.key";

    private LocalSecretsKey() {
    }

    /** @return the key ring spec ({@code id:base64}) from the file, creating the file first if needed */
    static String loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String spec = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!spec.matches("[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{44}")) {
                throw new IOException(file + " is not a secrets key (id:base64 of 32 bytes); restore it from a backup");
            }
            return spec;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String spec = "local:" + Base64.getEncoder().encodeToString(key);
        Files.createDirectories(dataDir);
        Path temporary = dataDir.resolve(FILE + ".new");
        Files.deleteIfExists(temporary); // left by a start that died here; it was never used
        // Created owner-only before the key is written into it: set afterwards, another local user could read the
        // key in between (issue #25).
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // not a POSIX file system: the data folder's own permissions protect it
        }
        Files.writeString(temporary, spec + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file);
        return spec;
    }
}
