/**
 * A small base for vendor fakes: {@link io.switchboard.testkit.fake.FakeVendorServer} runs an HTTP server on a free
 * loopback port, records every {@link io.switchboard.testkit.fake.FakeRequest} and plays scripted failures, so a
 * plugin's fake only has to speak its vendor's wire format ({@link io.switchboard.testkit.fake.FakeResponse}).
 * Switchboard's own plugins keep their fakes in their test sources (package {@code io.switchboard.plugins.<id>.fake},
 * published as the plugin's test jar); the Sipuni and field-showcase fakes show the pattern.
 */
package io.switchboard.testkit.fake;
