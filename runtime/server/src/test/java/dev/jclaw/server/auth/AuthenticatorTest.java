package dev.jclaw.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.config.AuthConfig;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.store.jdbc.JdbcIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins, keys and the bootstrap token against a real H2 user database, with a clock the tests move. */
class AuthenticatorTest {
    static final String ADMIN_TOKEN = "bootstrap-admin-token-0123456789";
    static final String LOCAL_TOKEN = "local-cli-token-0123456789abcdef";
    static final UserId ALICE = new UserId("alice");
    static final Passwords PASSWORDS = new Passwords();

    @TempDir
    Path dir;
    final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));
    final Actor operator = new Actor("cli:root", "cli", "");
    JdbcIdentity identity;
    Accounts accounts;
    Logins logins;
    Authenticator authenticator;

    @BeforeEach
    void open() throws Exception {
        identity = JdbcIdentity.h2(dir);
        accounts = new Accounts(identity, PASSWORDS, clock);
        logins = new Logins(identity, PASSWORDS, new LoginThrottle(AuthConfig.LoginThrottle.DEFAULTS, clock, 100),
                Duration.ofHours(1), clock);
        AdminCredentials admin = AdminCredentials.setUp(Optional.of(ADMIN_TOKEN), dir, LOCAL_TOKEN).credentials();
        authenticator = new Authenticator(identity, admin, Tier.APPROVAL, clock);
        accounts.add(ALICE, false, Tier.YOLO, "alice password", operator);
    }

    @AfterEach
    void close() {
        identity.close();
    }

    Authentication auth(String token) {
        return authenticator.authenticate(Optional.of("Bearer " + token));
    }

    String login() {
        return ((Logins.Ok) logins.login(ALICE, "alice password", "127.0.0.1", "http")).token();
    }

    static Principal principal(Authentication a) {
        assertThat(a).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) a).principal();
    }

    static AuthFailure failure(Authentication a) {
        assertThat(a).isInstanceOf(Authentication.Refused.class);
        return ((Authentication.Refused) a).failure();
    }

    @Nested
    class Headers {
        @Test
        void tells_a_missing_header_from_a_malformed_one_and_an_unknown_token() {
            assertThat(failure(authenticator.authenticate(Optional.empty()))).isEqualTo(AuthFailure.MISSING);
            assertThat(failure(authenticator.authenticate(Optional.of("Basic YWxpY2U6eA==")))).isEqualTo(
                    AuthFailure.MALFORMED);
            assertThat(failure(auth(""))).isEqualTo(AuthFailure.MALFORMED);
            assertThat(failure(auth("two words"))).isEqualTo(AuthFailure.MALFORMED);
            assertThat(failure(auth("x".repeat(600)))).isEqualTo(AuthFailure.MALFORMED);
            assertThat(failure(auth("jcs_é"))).isEqualTo(AuthFailure.MALFORMED);
            assertThat(failure(auth("' OR 1=1 --"))).isEqualTo(AuthFailure.MALFORMED);
            assertThat(failure(auth(Tokens.issue(Tokens.Kind.SESSION)))).isEqualTo(AuthFailure.UNKNOWN);
            assertThat(failure(auth(Tokens.issue(Tokens.Kind.API_KEY)))).isEqualTo(AuthFailure.UNKNOWN);
        }

        @Test
        void keeps_the_bootstrap_admin_token_working_with_the_configured_tier_and_not_the_local_cli_token() {
            assertThat(principal(auth(ADMIN_TOKEN))).isEqualTo(new Principal(UserId.ADMIN, true, Tier.APPROVAL));
            assertThat(failure(auth(LOCAL_TOKEN))).isEqualTo(AuthFailure.UNKNOWN);
        }

        @Test
        void takes_the_local_cli_token_as_the_terminal_only_where_asked_and_everything_else_as_usual() {
            assertThat(principal(authenticator.authenticateTerminal(Optional.of("Bearer " + LOCAL_TOKEN))))
                    .isEqualTo(dev.jclaw.core.approval.Approvals.TERMINAL);
            assertThat(principal(authenticator.authenticateTerminal(Optional.of("Bearer " + ADMIN_TOKEN))))
                    .isEqualTo(new Principal(UserId.ADMIN, true, Tier.APPROVAL));
            assertThat(failure(authenticator.authenticateTerminal(Optional.of("Bearer " + LOCAL_TOKEN + "x"))))
                    .isEqualTo(AuthFailure.UNKNOWN);
            assertThat(failure(authenticator.authenticateTerminal(Optional.empty()))).isEqualTo(AuthFailure.MISSING);
        }
    }

    @Nested
    class SessionTokens {
        @Test
        void authenticate_the_user_with_their_tier_until_they_expire() {
            String token = login();
            assertThat(principal(auth(token))).isEqualTo(new Principal(ALICE, false, Tier.YOLO));
            clock.advance(Duration.ofMinutes(59));
            assertThat(principal(auth(token)).id()).isEqualTo(ALICE);
            clock.advance(Duration.ofMinutes(1));
            assertThat(failure(auth(token))).isEqualTo(AuthFailure.EXPIRED);
        }

        @Test
        void stop_working_after_logout_a_password_change_or_disabling() {
            String a = login();
            Authentication.Session session = (Authentication.Session) ((Authentication.Authenticated) auth(a))
                    .credential();
            assertThat(logins.logout(session, ALICE, "127.0.0.1", "http")).isTrue();
            assertThat(failure(auth(a))).isEqualTo(AuthFailure.REVOKED);
            String b = login();
            accounts.passwd(ALICE, "a new password", operator);
            assertThat(failure(auth(b))).isEqualTo(AuthFailure.REVOKED);
            String c = ((Logins.Ok) logins.login(ALICE, "a new password", "127.0.0.1", "http")).token();
            accounts.setDisabled(ALICE, true, operator);
            assertThat(failure(auth(c))).isEqualTo(AuthFailure.REVOKED);
        }

        @Test
        void follow_a_tier_change_on_the_next_request() {
            String token = login();
            accounts.setTier(ALICE, Tier.READ_ONLY, operator);
            assertThat(principal(auth(token)).tier()).isEqualTo(Tier.READ_ONLY);
        }
    }

    @Nested
    class ApiKeys {
        @Test
        void authenticate_until_revoked_and_record_their_last_use_at_most_once_a_minute() {
            Accounts.IssuedKey issued = accounts.createKey(ALICE, "ci", operator);
            assertThat(issued.toString()).doesNotContain(issued.secret());
            assertThat(principal(auth(issued.secret()))).isEqualTo(new Principal(ALICE, false, Tier.YOLO));
            Instant first = clock.instant();
            clock.advance(Duration.ofSeconds(30));
            auth(issued.secret());
            assertThat(accounts.keys(Optional.of(ALICE)).getFirst().lastUsed()).contains(first);
            clock.advance(Duration.ofSeconds(31));
            auth(issued.secret());
            assertThat(accounts.keys(Optional.of(ALICE)).getFirst().lastUsed()).contains(clock.instant());
            accounts.revokeKey(issued.key().id(), operator);
            assertThat(failure(auth(issued.secret()))).isEqualTo(AuthFailure.REVOKED);
        }

        @Test
        void are_refused_while_the_user_is_disabled_and_after_the_user_is_removed_even_if_re_added() {
            String key = accounts.createKey(ALICE, "ci", operator).secret();
            accounts.setDisabled(ALICE, true, operator);
            assertThat(failure(auth(key))).isEqualTo(AuthFailure.DISABLED);
            accounts.setDisabled(ALICE, false, operator);
            assertThat(principal(auth(key)).id()).isEqualTo(ALICE);
            accounts.remove(ALICE, operator);
            accounts.add(ALICE, true, Tier.YOLO, "another password", operator);
            assertThat(failure(auth(key))).isEqualTo(AuthFailure.REVOKED);
        }
    }

    @Nested
    class LoggingIn {
        @Test
        void answers_the_same_for_a_wrong_password_and_an_unknown_user_and_audits_both() {
            assertThat(logins.login(ALICE, "wrong password", "10.0.0.1", "http")).isEqualTo(new Logins.Refused(false));
            assertThat(logins.login(new UserId("nobody"), "wrong password", "10.0.0.2", "http"))
                    .isEqualTo(new Logins.Refused(false));
            assertThat(identity.audit().query(new AuditQuery(Optional.empty(), Optional.of(AuditKind.LOGIN_FAILED),
                    Optional.empty(), 10))).extracting(AuditEntry::actor, AuditEntry::address)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("nobody", "10.0.0.2"),
                            org.assertj.core.groups.Tuple.tuple("alice", "10.0.0.1"));
        }

        @Test
        void throttles_after_five_failures_audits_it_once_and_a_success_later_resets() {
            for (int i = 0; i < 5; i++) {
                assertThat(logins.login(ALICE, "wrong " + i, "10.0.0.1", "http")).isInstanceOf(Logins.Refused.class);
            }
            assertThat(logins.login(ALICE, "alice password", "10.0.0.1", "http"))
                    .isEqualTo(new Logins.Throttled(30));
            assertThat(logins.login(ALICE, "alice password", "10.0.0.3", "http"))
                    .as("by name, from any address").isInstanceOf(Logins.Throttled.class);
            assertThat(identity.audit().query(new AuditQuery(Optional.of("alice"),
                    Optional.of(AuditKind.LOGIN_THROTTLED), Optional.empty(), 10))).hasSize(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(logins.login(ALICE, "alice password", "10.0.0.1", "http")).isInstanceOf(Logins.Ok.class);
            assertThat(logins.login(ALICE, "wrong again", "10.0.0.1", "http")).isInstanceOf(Logins.Refused.class);
            assertThat(logins.login(ALICE, "alice password", "10.0.0.1", "http")).isInstanceOf(Logins.Ok.class);
        }

        @Test
        void refuses_a_disabled_user_only_after_the_right_password() {
            accounts.setDisabled(ALICE, true, operator);
            assertThat(logins.login(ALICE, "wrong password", "10.0.0.1", "http")).isEqualTo(new Logins.Refused(false));
            assertThat(logins.login(ALICE, "alice password", "10.0.0.1", "http")).isEqualTo(new Logins.Refused(true));
        }
    }

    @Nested
    class Accounts_ {
        @Test
        void reserve_the_bootstrap_admin_name_refuse_duplicates_and_weak_passwords_and_audit_changes() {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(AccountException.class,
                    () -> accounts.add(UserId.ADMIN, true, Tier.YOLO, "long enough", operator)).problem())
                    .isEqualTo(AccountException.Problem.CONFLICT);
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(AccountException.class,
                    () -> accounts.add(ALICE, true, Tier.YOLO, "long enough", operator)).problem())
                    .isEqualTo(AccountException.Problem.CONFLICT);
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(AccountException.class,
                    () -> accounts.add(new UserId("bob"), false, Tier.YOLO, "short", operator)).problem())
                    .isEqualTo(AccountException.Problem.INVALID);
            assertThat(accounts.users()).extracting(u -> u.id().value()).containsExactly("alice");
            assertThat(identity.audit().query(AuditQuery.latest())).extracting(AuditEntry::kind, AuditEntry::actor)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditKind.USER_ADDED, "cli:root"));
        }
    }
}
