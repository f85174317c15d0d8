package io.switchboard.platform.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectorReadsTest {

    private final ConnectorReads reads = new ConnectorReads();
    private final AtomicInteger asked = new AtomicInteger();

    private String read() {
        return "answer " + asked.incrementAndGet();
    }

    @Test
    void aReadIsKeptForItsTimePerConnectionVersionAndName() {
        ConnectorReads.Key agents = new ConnectorReads.Key(1, 10, 0, "agents");
        assertThat(reads.<String>get(agents, Duration.ofMinutes(1), this::read)).isEqualTo("answer 1");
        assertThat(reads.<String>get(agents, Duration.ofMinutes(1), this::read)).as("kept").isEqualTo("answer 1");
        assertThat(reads.<String>get(new ConnectorReads.Key(1, 10, 1, "agents"), Duration.ofMinutes(1), this::read))
                .as("a saved change (new version) starts afresh").isEqualTo("answer 2");
        assertThat(reads.<String>get(new ConnectorReads.Key(2, 10, 0, "agents"), Duration.ofMinutes(1), this::read))
                .as("another tenant").isEqualTo("answer 3");
        assertThat(reads.<String>get(new ConnectorReads.Key(1, 10, 0, "fields"), Duration.ofMinutes(1), this::read))
                .as("another read").isEqualTo("answer 4");
    }

    @Test
    void anExpiredAnswerIsReadAgainAndAFailureKeepsNothing() {
        ConnectorReads.Key key = new ConnectorReads.Key(1, 10, 0, "agents");
        reads.get(key, Duration.ZERO, this::read);
        assertThat(reads.<String>get(key, Duration.ofMinutes(1), this::read)).isEqualTo("answer 2");
        ConnectorReads.Key failing = new ConnectorReads.Key(1, 11, 0, "agents");
        assertThatThrownBy(() -> reads.get(failing, Duration.ofMinutes(1), () -> {
            throw new IllegalStateException("vendor down");
        })).hasMessage("vendor down");
        assertThat(reads.<String>get(failing, Duration.ofMinutes(1), this::read)).isEqualTo("answer 3");
    }
}
