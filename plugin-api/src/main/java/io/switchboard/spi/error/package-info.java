/**
 * The only exceptions a connector may throw. The platform retries {@link io.switchboard.spi.error.TransientVendorException},
 * dead-letters {@link io.switchboard.spi.error.PermanentVendorException}, and answers the caller of an inbound URL
 * with a 4xx for {@link io.switchboard.spi.error.WebhookRejectedException}. Any other exception is treated as a
 * permanent failure of the plugin and reported as such.
 */
package io.switchboard.spi.error;
