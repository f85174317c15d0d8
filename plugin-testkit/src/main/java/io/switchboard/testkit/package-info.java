/**
 * Test kit for connector plugin authors: {@link io.switchboard.testkit.TestConnectorContext} (a real context with a
 * JDK HTTP client, in-memory store and controllable clock), {@link io.switchboard.testkit.ConnectorContract} (checks
 * every connector must pass) and vendor fakes under {@code io.switchboard.testkit.fakes}.
 */
package io.switchboard.testkit;
