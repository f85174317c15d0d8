/**
 * Requests the platform receives on a connection's inbound URL, and the answers it sends back. Vendors send what
 * they like, so the readers here are lenient and shared (SPI 1.4): {@link io.switchboard.spi.inbound.InboundRequest#parameters()}
 * for fields that come as a query, a form or a JSON object, {@link io.switchboard.spi.inbound.FlatFields} for
 * template webhooks, {@link io.switchboard.spi.inbound.FormEncoding} for broken {@code %}-escapes, and
 * {@link io.switchboard.spi.inbound.InboundKeys#digest} for dedup keys of vendors that send no event id.
 */
package io.switchboard.spi.inbound;
