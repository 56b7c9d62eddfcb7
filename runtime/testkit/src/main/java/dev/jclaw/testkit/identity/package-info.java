/** The contract every {@link dev.jclaw.core.identity.IdentityStore} implementation passes. */
package dev.jclaw.testkit.identity;
