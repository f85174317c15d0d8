/**
 * Dashly (Carrot quest) fakes: {@link io.switchboard.plugins.dashly.fake.DashlyFake}, the Web API on loopback, and
 * {@link io.switchboard.plugins.dashly.fake.DashlyWebhooks}, the chat-message webhooks Dashly POSTs. Both were built
 * from a vendor reference, Dashly's developer pages and independent public clients (listed in each class), not
 * from any Switchboard Dashly plugin, so that a plugin written independently can be checked against them.
 *
 * <h2>Where the vendor's own sources disagree (and what the fakes do)</h2>
 * <ul>
 *   <li>Path prefix: old pages use {@code https://api.dashly.app/v1/…}, current ones no prefix. The fake serves both.</li>
 *   <li>Reply {@code body}: "Required" on the old page, "Optional … empty string by default" on the current one. The
 *       fake treats a missing body as empty.</li>
 *   <li>Reply {@code from_user}: {@code true} on the old page, {@code default_user} or a user id on the current one. The
 *       fake accepts all three. {@code bot_name} appears only inside an HTML comment of the old page: ignored.</li>
 *   <li>Props answer: the old page puts operations whose value "was not changed by update_or_create" in
 *       {@code ignored_operations}; the current page has a separate {@code not_changed_props}. The fake follows the
 *       current page.</li>
 *   <li>Event tracking answer: the old page answers {@code {"id": …}}, the current one the whole Event object. The fake
 *       answers the Event object (which has {@code id}, so clients of either page work).</li>
 *   <li>Unknown user: {@code GET /users/{id}/events} is documented as 400 {@code LookupError}; for
 *       {@code GET /users/{id}} nothing is documented and the fake answers 404 {@code NotFound} [inf].</li>
 *   <li>{@code GET /users/{id}/events} says "data field contains Conversation objects" while its example shows Event
 *       objects; the fake returns Event objects.</li>
 *   <li>Webhook encoding: the Russian help article says the request is "encoded in base64", the English pages and a
 *       real capture show a plain urlencoded form. The generator sends plain forms by default and offers both base64
 *       readings ({@code withBase64Body()}, {@code withBase64Conversation()}) [inf].</li>
 *   <li>Webhook ids: the documented example has JSON numbers, a real capture has JSON strings; the generator sends
 *       strings by default and numbers with {@code withNumericIds()}.</li>
 * </ul>
 *
 * <h2>Client behaviour the fake tolerates on purpose</h2>
 * {@code mindesik/mds-carrotquest-client} sends every argument, {@code auth_token} included, in the query string of
 * a POST (with {@code Content-Type: application/json} and no body); {@code radisby/carrotquest-api-client-php} posts a
 * PHP array through curl, i.e. {@code multipart/form-data}. The fake reads query arguments on POSTs and multipart text
 * fields; only a POST whose body is JSON is refused (400 {@code BadRequest}, [inf]).
 */
package io.switchboard.plugins.dashly.fake;
