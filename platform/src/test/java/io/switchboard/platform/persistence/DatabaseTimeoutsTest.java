package io.switchboard.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The driver's timeouts added to the configured JDBC URL, and the operator's own values kept. */
class DatabaseTimeoutsTest {

    @Test
    void addedToAUrlWithoutOptions() {
        assertThat(DatabaseTimeouts.withTimeouts("jdbc:mariadb://db:3306/switchboard", 3000, 8000))
                .isEqualTo("jdbc:mariadb://db:3306/switchboard?connectTimeout=3000&socketTimeout=8000");
    }

    @Test
    void addedAfterOtherOptions() {
        assertThat(DatabaseTimeouts.withTimeouts("jdbc:mariadb://db/sb?createDatabaseIfNotExist=true", 3000, 0))
                .isEqualTo("jdbc:mariadb://db/sb?createDatabaseIfNotExist=true&connectTimeout=3000&socketTimeout=0");
    }

    @Test
    void theOperatorsOwnValuesWin() {
        assertThat(DatabaseTimeouts.withTimeouts("jdbc:mariadb://db/sb?socketTimeout=60000&ConnectTimeout=1000", 3000,
                8000)).isEqualTo("jdbc:mariadb://db/sb?socketTimeout=60000&ConnectTimeout=1000");
        assertThat(DatabaseTimeouts.withTimeouts("jdbc:mariadb://db/sb?user=x&socketTimeout=1", 3000, 8000))
                .isEqualTo("jdbc:mariadb://db/sb?user=x&socketTimeout=1&connectTimeout=3000");
    }
}
