package io.switchboard.platform.persistence;

import java.sql.SQLException;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The MariaDB driver's data source with bounded waits: the pool's connections get the driver's
 * {@code connectTimeout} and {@code socketTimeout} from {@link DatabaseTimeouts} added to the configured URL (unless
 * it sets them itself). Without them a frozen server held every statement — and the request thread running it — for
 * ever: a stalled database ate the HTTP threads (issue #20). Its only setters are URL, user and password, so the
 * options can only travel in the URL; {@link Database} names this class instead of the driver's.
 */
public class TimeoutDataSource extends MariaDbDataSource {

    @Override
    public void setUrl(String url) throws SQLException {
        DatabaseTimeouts timeouts = DatabaseTimeouts.fromConfig();
        super.setUrl(DatabaseTimeouts.withTimeouts(url, timeouts.connectMs(), timeouts.socketMs()));
    }
}
