/**
 * Telephony connectors (cloud PBX, call tracking): call events in, and synchronous answers to the PBX's routing
 * and caller-card questions (requirements CT1–CT13).
 */
package io.switchboard.spi.telephony;
