/**
 * Fakes for the customer's-website channel (issue #18):
 * {@link io.switchboard.plugins.website.fake.SiteReceiver}, a site's webhook endpoint on loopback that verifies
 * Standard Webhooks signatures, drops repeated ids and can fail or go down; and
 * {@link io.switchboard.plugins.website.fake.SiteRequests}, the requests a site sends to its connection's inbound
 * URL. Written from the Standard Webhooks specification and the plugin's documented API, not from the plugin's code.
 */
package io.switchboard.plugins.website.fake;
