package io.switchboard.testkit.contract;

import io.switchboard.spi.ConnectorContext;
import java.util.Objects;

/**
 * One operation of a connector that calls the vendor, named for assertion messages ("create a ticket"). The suites
 * run it against a vendor that fails in chosen ways and check how the failure comes out.
 *
 * @param name      what the operation does
 * @param operation the call; its result is ignored
 */
public record VendorCall(String name, Operation operation) {

    public VendorCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
    }

    /** @return a named vendor call */
    public static VendorCall of(String name, Operation operation) {
        return new VendorCall(name, operation);
    }

    /** The call itself. */
    @FunctionalInterface
    public interface Operation {
        /** Runs the call for the connection whose context this is. */
        void run(ConnectorContext context) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}
