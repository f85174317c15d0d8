/**
 * Chatra fakes: {@link io.switchboard.testkit.fakes.chatra.ChatraFake}, the REST API on loopback, and
 * {@link io.switchboard.testkit.fakes.chatra.ChatraWebhooks}, the webhooks Chatra POSTs, both rendering visitors as
 * {@link io.switchboard.testkit.fakes.chatra.ChatraVisitor} describes. Built from public sources about Chatra (listed
 * in each class), not from any Switchboard Chatra plugin. Where sources disagree: the message text key ({@code text}
 * for Rails and Go consumers, {@code message} for a Flask bot and a Bun bridge) — the generator sends both by default.
 */
package io.switchboard.testkit.fakes.chatra;
