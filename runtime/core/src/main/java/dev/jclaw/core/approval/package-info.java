/**
 * Approval of tool calls: the {@link dev.jclaw.core.approval.Admission} of a call from the turn's tier and the
 * server's {@link dev.jclaw.core.approval.ApprovalPolicy}, and the {@link dev.jclaw.core.approval.Approvals} broker
 * where a call waits, under an id and a deadline, for the answer of the user who started the turn or of an admin.
 */
package dev.jclaw.core.approval;
