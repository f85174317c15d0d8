package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseSocketTest {

    @Test
    void theSocketStaysInTheDataFolderWhileItsPathFits() {
        assertThat(EmbeddedDatabase.socketPath(Path.of("/srv/switchboard/data")))
                .isEqualTo(Path.of("/srv/switchboard/data/mariadb.sock"));
    }

    /** mariadbd refuses a socket path over 107 bytes ("The socket file path is too long"), seen with a test's data. */
    @Test
    void aDataFolderTooDeepForASocketGetsAShortOneOfItsOwnUnderTmp() {
        Path deep = Path.of("/work/checkout/plugin-testkit/target/switchboard-platform-test/platform13731637488439557090/data");
        Path other = Path.of("/work/checkout/plugin-testkit/target/switchboard-platform-test/platform99999999999999999999/data");

        Path socket = EmbeddedDatabase.socketPath(deep);

        assertThat(socket.toString()).startsWith("/tmp/switchboard-").endsWith(".sock");
        assertThat(socket.toString().length()).isLessThanOrEqualTo(EmbeddedDatabase.MAX_SOCKET_PATH);
        assertThat(EmbeddedDatabase.socketPath(deep)).as("stable per folder").isEqualTo(socket);
        assertThat(EmbeddedDatabase.socketPath(other)).as("one per folder").isNotEqualTo(socket);
    }
}
