/**
 * Test kit for connector plugin authors: {@link io.switchboard.testkit.TestConnectorContext} (a real context with a
 * JDK HTTP client, in-memory store and controllable clock), {@link io.switchboard.testkit.ConnectorContract} (checks
 * every connector must pass) and, in {@code io.switchboard.testkit.fake}, the base of a vendor fake over HTTP. The
 * fakes of Switchboard's own plugins are in those plugins' test jars (package {@code io.switchboard.plugins.<id>.fake}).
 */
package io.switchboard.testkit;
