package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsKeyTest {

    @TempDir
    Path data;

    @Test
    void makesA256BitKeyOnceReadableByTheOwnerOnlyAndReusesIt() throws IOException {
        String first = LocalSecretsKey.loadOrCreate(data);
        assertThat(first).startsWith("local:");
        assertThat(Base64.getDecoder().decode(first.substring("local:".length()))).hasSize(32);
        Path file = data.resolve(LocalSecretsKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        assertThat(LocalSecretsKey.loadOrCreate(data)).as("the same key on every start").isEqualTo(first);
    }

    @Test
    void refusesAFileThatIsNotAKeyInsteadOfReplacingIt() throws IOException {
        Path file = data.resolve(LocalSecretsKey.FILE);
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> LocalSecretsKey.loadOrCreate(data)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a secrets key");
        assertThat(Files.readString(file)).isEqualTo("garbage");
    }
}
