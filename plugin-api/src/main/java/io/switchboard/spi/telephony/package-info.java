/**
 * Telephony connectors (cloud PBX, call tracking): call events in, and synchronous answers to the PBX's routing
 * and caller-card questions.
 */
package io.switchboard.spi.telephony;
