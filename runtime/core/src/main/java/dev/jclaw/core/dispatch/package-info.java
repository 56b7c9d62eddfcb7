/**
 * Tool dispatch: the tool port the loop calls, parallel reads and ordered writes on virtual threads with deadlines,
 * and the cap on what a tool result puts in front of the model.
 */
package dev.jclaw.core.dispatch;
