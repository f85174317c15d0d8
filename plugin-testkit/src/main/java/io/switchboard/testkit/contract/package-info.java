/**
 * Contract suites a plugin's own tests run, one per connector kind: {@link io.switchboard.testkit.contract.HelpdeskContract},
 * {@link io.switchboard.testkit.contract.TelephonyContract} and {@link io.switchboard.testkit.contract.ChannelContract}.
 * A test class implements the kind's interface, says how to configure the connector and hands over sample webhooks;
 * JUnit 5 runs the suite's checks as the class's own tests:
 *
 * <pre>{@code
 * class AcmeContractTest implements HelpdeskContract {
 *     public HelpdeskConnector connector() { return new AcmeConnector(); }
 *     public Map<String, ?> settings(String vendorUrl) { return Map.of("api_key", "k-123", "base_url", vendorUrl); }
 *     public List<WebhookSample<HelpdeskEvent>> webhookSamples() { return List.of(...); }
 * }
 * }</pre>
 *
 * <p>The checks are the platform's expectations of every connector (docs/plugin-guide.md): a sound descriptor and
 * schema, webhooks verified and parsed deterministically with stable dedup and ordering keys, vendor failures
 * classified as transient or permanent, no secret in messages, logs or stored requests, and one instance serving many
 * connections at once.
 */
package io.switchboard.testkit.contract;
