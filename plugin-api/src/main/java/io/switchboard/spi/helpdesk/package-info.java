/**
 * Helpdesk and task-system connectors: clients, organizations, tickets (tasks), comments and agents, plus the
 * helpdesk's own webhooks (ticket created / commented / changed) for flows back to channels.
 */
package io.switchboard.spi.helpdesk;
