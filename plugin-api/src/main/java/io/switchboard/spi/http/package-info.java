/**
 * Outbound HTTP for connectors: a small client interface the platform implements with bounded timeouts and
 * response classification, so every connector treats 429, 5xx and timeouts the same way.
 */
package io.switchboard.spi.http;
