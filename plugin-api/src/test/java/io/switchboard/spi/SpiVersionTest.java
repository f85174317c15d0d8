package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void theVersionIsTheArtifactsAPlainSemanticVersionOfTheFirstMajor() {
        // Filtered from plugin-api's own Maven version (pom.xml), which is the SPI version (CHANGELOG.md).
        assertThat(SpiVersion.current()).matches("1\\.\\d+\\.\\d+").isNotEqualTo("1.3.0");
    }
}
