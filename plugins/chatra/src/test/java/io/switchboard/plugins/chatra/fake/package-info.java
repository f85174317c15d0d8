/**
 * Chatra fakes: {@link io.switchboard.plugins.chatra.fake.ChatraFake}, the REST API on loopback, and
 * {@link io.switchboard.plugins.chatra.fake.ChatraWebhooks}, the webhooks Chatra POSTs, both rendering visitors as
 * {@link io.switchboard.plugins.chatra.fake.ChatraVisitor} describes. Built from public sources about Chatra (listed
 * in each class), not from any Switchboard Chatra plugin. Where sources disagree: the message text key ({@code text}
 * for Rails and Go consumers, {@code message} for a Flask bot and a Bun bridge) — the generator sends both by default.
 */
package io.switchboard.plugins.chatra.fake;
