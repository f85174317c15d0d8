/**
 * Channel connectors: live chats and the customer's own website. Conversation events in (started, message, contact
 * identified, ended, operator slash command); messages, notes and contact updates out.
 */
package io.switchboard.spi.channel;
