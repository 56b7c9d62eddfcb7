/**
 * Approval of tool calls: a policy decided from the tool's declared class, and the channel's way of asking a person.
 */
package dev.jclaw.core.approval;
