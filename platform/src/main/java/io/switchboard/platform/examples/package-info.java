/**
 * The runnable example of a customer's website integrated through the website channel (served under
 * {@code /examples/website/} when {@code switchboard.examples.enabled} is true): a page, a few lines of JavaScript, and
 * the site's back end — which keeps the API key server-side, sends the customer's messages to Switchboard and
 * verifies the signed webhooks that bring agents' and e-mail replies. See {@code plugins/website/README.md}.
 */
package io.switchboard.platform.examples;
