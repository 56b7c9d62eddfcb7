/**
 * Sessions: a stable address ({@link dev.jclaw.core.session.SessionKey}) whose current conversation
 * ({@link dev.jclaw.core.session.SessionId}) is a tree of entries, written through to a
 * {@link dev.jclaw.core.session.SessionStore} entry by entry, and repaired on load after a crash.
 */
package dev.jclaw.core.session;
