/** Requests the platform receives on a connection's inbound URL, and the answers it sends back. */
package io.switchboard.spi.inbound;
