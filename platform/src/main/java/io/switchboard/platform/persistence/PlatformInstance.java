package io.switchboard.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * This platform process as the shared database knows it: the name its pipeline claims events under
 * ({@code inbox_event.processed_by}) and its plugin heartbeats carry ({@code plugin_instance}). New for every start,
 * so a restarted instance never finishes what its previous life claimed.
 */
@ApplicationScoped
public class PlatformInstance {

    private final String id = "instance-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private final Instant startedAt = Instant.now();
    private final String host = hostName();

    /** @return this process's name, e.g. {@code instance-3f09a1c2b4d5} (at most 64 characters) */
    public String id() {
        return id;
    }

    /** @return when this process started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return the machine's host name, for the operator telling instances apart */
    public String host() {
        return host;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 100 ? name.substring(0, 100) : name;
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
