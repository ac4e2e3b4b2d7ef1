/** Driving ports of the conversations area: managing conversations, posting messages, cached reads and warming. */
package dev.strata.application.conversations.port;
