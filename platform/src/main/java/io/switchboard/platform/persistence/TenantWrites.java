package io.switchboard.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs a small write in a transaction of its own when there is none (the pipeline processes events outside
 * transactions, because vendor calls take seconds), or in the caller's. Links and connection state written this way
 * are durable at once, even if the event's later steps fail.
 */
@ApplicationScoped
public class TenantWrites {

    @Transactional
    public <T> T run(Supplier<T> write) {
        return write.get();
    }
}
