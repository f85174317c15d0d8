package io.switchboard.spi.http;

import io.switchboard.spi.error.TransientVendorException;

/**
 * Sends requests to a vendor. Obtained from {@link io.switchboard.spi.ConnectorContext#http()}; the platform's
 * implementation bounds connect and request time and keeps secrets out of its logs.
 */
public interface VendorHttpClient {

    /**
     * Sends the request and returns the response whatever its status; use {@link VendorResponse#requireSuccess}
     * to turn a failure status into the right exception.
     *
     * @throws TransientVendorException when the vendor could not be reached or did not answer in time
     */
    VendorResponse send(VendorRequest request);
}
