package dev.jclaw.server.auth;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.TokenHash;
import java.time.Instant;
import java.util.Objects;

/** What {@link Authenticator#authenticate} found: a principal and the credential it came with, or a refusal. */
public sealed interface Authentication {
    /**
     * The request acts for a principal.
     *
     * @param principal who
     * @param credential what proved it
     */
    record Authenticated(Principal principal, Credential credential) implements Authentication {
        /** Checks the fields. */
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(credential, "credential");
        }
    }

    /**
     * The credentials were missing or not accepted.
     *
     * @param failure why
     */
    record Refused(AuthFailure failure) implements Authentication {
        /** Checks the field. */
        public Refused {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** What a request authenticated with. */
    sealed interface Credential {
        /** @return how the credential is named in answers and the audit log */
        String label();
    }

    /**
     * A login session token.
     *
     * @param hash its hash, what logout revokes
     * @param expires when it stops working
     */
    record Session(TokenHash hash, Instant expires) implements Credential {
        @Override
        public String label() {
            return "session";
        }
    }

    /**
     * An API key.
     *
     * @param id its public id
     */
    record Key(ApiKeyId id) implements Credential {
        @Override
        public String label() {
            return "api-key";
        }
    }

    /**
     * The local token of {@code data/run/server.json}: the person at this machine's terminal, as the server's own
     * OS user (only that user can read the file), who could open the data directory's databases directly when no
     * server runs. The only credential that may name the workspace of a turn.
     */
    record Local() implements Credential {
        @Override
        public String label() {
            return "local";
        }
    }

    /** The bootstrap admin token ({@code admin.token} or the generated one). */
    record AdminToken() implements Credential {
        @Override
        public String label() {
            return "admin-token";
        }
    }
}
