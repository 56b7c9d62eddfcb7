/**
 * Sessions: a stable address ({@link dev.jclaw.core.session.SessionKey}) whose current conversation
 * ({@link dev.jclaw.core.session.SessionId}, routed by {@link dev.jclaw.core.session.SessionRouter}) is a tree of
 * {@link dev.jclaw.core.session.Entry entries}, written through to a {@link dev.jclaw.core.session.SessionStore}
 * entry by entry and repaired on load after a crash ({@link dev.jclaw.core.session.Histories}); one turn at a time
 * per key ({@link dev.jclaw.core.session.TurnLocks}).
 */
package dev.jclaw.core.session;
