package dev.jclaw.testkit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.LoginSession;
import dev.jclaw.core.identity.TokenHash;
import dev.jclaw.core.identity.User;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdentityStore} must do: users, login sessions, API keys and the append-only audit log, kept
 * across a restart. An implementation's test says how to open the store on fresh storage and how to reopen it.
 */
public abstract class IdentityStoreContract {
    /** A PHC string of the right shape (the store does not verify it). */
    protected static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
    /** The usual user. */
    protected static final UserId ALICE = new UserId("alice");
    /** Another user. */
    protected static final UserId BOB = new UserId("bob");
    /** A fixed time, in milliseconds. */
    protected static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** The store under test; {@link #reopen()} replaces it. */
    protected IdentityStore store;

    /** Creates the suite. */
    protected IdentityStoreContract() {
    }

    /**
     * Opens a store on fresh, empty storage.
     *
     * @return the store
     * @throws Exception when it cannot be opened
     */
    protected abstract IdentityStore open() throws Exception;

    /**
     * Closes {@link #store} and opens a store on the same storage, as after a restart.
     *
     * @return the reopened store
     * @throws Exception when it cannot be reopened
     */
    protected abstract IdentityStore reopen() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Makes a user.
     *
     * @param id the id
     * @param tier the tier
     * @return an enabled, non-admin user created at {@link #T0}
     */
    protected static User user(UserId id, Tier tier) {
        return new User(id, false, tier, false, T0, HASH);
    }

    /**
     * Hashes a text as the server hashes tokens.
     *
     * @param token the token
     * @return its SHA-256
     */
    protected static TokenHash hash(String token) {
        try {
            return new TokenHash(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey key(ApiKeyId id, UserId user, String name, String secret) {
        return new ApiKey(id, user, name, hash(secret), T0, Optional.empty(), Optional.empty());
    }

    @Nested
    class Users {
        @Test
        void adds_finds_and_lists_users_by_name() {
            assertThat(store.users().add(user(BOB, Tier.YOLO))).isTrue();
            assertThat(store.users().add(new User(ALICE, true, Tier.APPROVAL, false, T0, HASH))).isTrue();
            assertThat(store.users().get(ALICE)).contains(new User(ALICE, true, Tier.APPROVAL, false, T0, HASH));
            assertThat(store.users().list()).extracting(User::id).containsExactly(ALICE, BOB);
            assertThat(store.users().get(new UserId("carol"))).isEmpty();
        }

        @Test
        void refuses_a_second_user_of_the_same_name_and_keeps_the_first() {
            store.users().add(user(ALICE, Tier.READ_ONLY));
            assertThat(store.users().add(new User(ALICE, true, Tier.YOLO, false, T0, HASH + "x"))).isFalse();
            assertThat(store.users().get(ALICE)).contains(user(ALICE, Tier.READ_ONLY));
        }

        @Test
        void changes_tier_password_and_state() {
            store.users().add(user(ALICE, Tier.READ_ONLY));
            assertThat(store.users().setTier(ALICE, Tier.YOLO)).isTrue();
            assertThat(store.users().setPasswordHash(ALICE, HASH + "2")).isTrue();
            assertThat(store.users().setDisabled(ALICE, true)).isTrue();
            assertThat(store.users().get(ALICE)).contains(new User(ALICE, false, Tier.YOLO, true, T0, HASH + "2"));
            assertThat(store.users().setDisabled(ALICE, false)).isTrue();
            assertThat(store.users().get(ALICE).orElseThrow().disabled()).isFalse();
        }

        @Test
        void answers_false_for_a_user_that_does_not_exist() {
            assertThat(store.users().setTier(BOB, Tier.YOLO)).isFalse();
            assertThat(store.users().setPasswordHash(BOB, HASH)).isFalse();
            assertThat(store.users().setDisabled(BOB, true)).isFalse();
            assertThat(store.users().remove(BOB)).isFalse();
            assertThat(store.users().list()).isEmpty();
        }

        @Test
        void removing_a_user_revokes_their_sessions_and_keys_so_a_new_user_of_that_name_inherits_none() {
            store.users().add(user(ALICE, Tier.YOLO));
            store.users().add(user(BOB, Tier.YOLO));
            store.credentials().addSession(new LoginSession(hash("s-a"), ALICE, T0, T0.plusSeconds(60),
                    Optional.empty()));
            store.credentials().addKey(key(new ApiKeyId("aaaaaaaaaaaa"), ALICE, "ci", "k-a"));
            store.credentials().addKey(key(new ApiKeyId("bbbbbbbbbbbb"), BOB, "ci", "k-b"));
            assertThat(store.users().remove(ALICE)).isTrue();
            assertThat(store.users().get(ALICE)).isEmpty();
            assertThat(store.credentials().session(hash("s-a")).orElseThrow().revoked()).isPresent();
            assertThat(store.credentials().keyByHash(hash("k-a")).orElseThrow().revoked()).isPresent();
            assertThat(store.credentials().keyByHash(hash("k-b")).orElseThrow().revoked()).isEmpty();
        }

        @Test
        void never_prints_the_password_hash() {
            assertThat(user(ALICE, Tier.YOLO).toString()).doesNotContain("argon2").contains("alice");
        }
    }

    @Nested
    class Sessions {
        @Test
        void finds_a_session_by_its_hash_and_revokes_it_once() {
            LoginSession s = new LoginSession(hash("t1"), ALICE, T0, T0.plus(Duration.ofHours(1)), Optional.empty());
            store.credentials().addSession(s);
            assertThat(store.credentials().session(hash("t1"))).contains(s);
            assertThat(store.credentials().session(hash("t2"))).isEmpty();
            assertThat(store.credentials().revokeSession(hash("t1"), T0.plusSeconds(5))).isTrue();
            assertThat(store.credentials().revokeSession(hash("t1"), T0.plusSeconds(9))).isFalse();
            assertThat(store.credentials().session(hash("t1")).orElseThrow().revoked())
                    .contains(T0.plusSeconds(5));
            assertThat(store.credentials().revokeSession(hash("unknown"), T0)).isFalse();
        }

        @Test
        void revokes_every_live_session_of_one_user_only() {
            for (String t : new String[] {"a1", "a2"}) {
                store.credentials().addSession(new LoginSession(hash(t), ALICE, T0, T0.plusSeconds(60),
                        Optional.empty()));
            }
            store.credentials().addSession(new LoginSession(hash("b1"), BOB, T0, T0.plusSeconds(60),
                    Optional.empty()));
            store.credentials().revokeSession(hash("a1"), T0);
            assertThat(store.credentials().revokeSessions(ALICE, T0.plusSeconds(1))).isEqualTo(1);
            assertThat(store.credentials().session(hash("a2")).orElseThrow().revoked()).isPresent();
            assertThat(store.credentials().session(hash("b1")).orElseThrow().revoked()).isEmpty();
        }

        @Test
        void purges_only_sessions_that_expired() {
            store.credentials().addSession(new LoginSession(hash("old"), ALICE, T0, T0.plusSeconds(10),
                    Optional.empty()));
            store.credentials().addSession(new LoginSession(hash("new"), ALICE, T0, T0.plusSeconds(100),
                    Optional.empty()));
            assertThat(store.credentials().purgeExpired(T0.plusSeconds(50))).isEqualTo(1);
            assertThat(store.credentials().session(hash("old"))).isEmpty();
            assertThat(store.credentials().session(hash("new"))).isPresent();
        }
    }

    @Nested
    class Keys {
        @Test
        void finds_keys_by_hash_and_id_and_lists_them_oldest_first() {
            ApiKey ci = key(new ApiKeyId("0123456789ab"), ALICE, "ci", "k1");
            ApiKey laptop = key(new ApiKeyId("ba9876543210"), BOB, "laptop", "k2");
            ApiKey tool = key(new ApiKeyId("00000000000f"), ALICE, "'; DROP TABLE api_keys; --", "k3");
            store.credentials().addKey(ci);
            store.credentials().addKey(laptop);
            store.credentials().addKey(tool);
            assertThat(store.credentials().keyByHash(hash("k2"))).contains(laptop);
            assertThat(store.credentials().key(new ApiKeyId("0123456789ab"))).contains(ci);
            assertThat(store.credentials().keys(Optional.empty())).containsExactly(ci, laptop, tool);
            assertThat(store.credentials().keys(Optional.of(ALICE))).containsExactly(ci, tool);
            assertThat(store.credentials().keyByHash(hash("nope"))).isEmpty();
        }

        @Test
        void refuses_a_second_key_with_the_same_id() {
            store.credentials().addKey(key(new ApiKeyId("0123456789ab"), ALICE, "ci", "k1"));
            assertThatThrownBy(() -> store.credentials().addKey(key(new ApiKeyId("0123456789ab"), BOB, "x", "k2")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0123456789ab");
            assertThat(store.credentials().keyByHash(hash("k2"))).isEmpty();
        }

        @Test
        void revokes_a_key_once_and_records_its_last_use_without_going_back() {
            ApiKeyId id = new ApiKeyId("0123456789ab");
            store.credentials().addKey(key(id, ALICE, "ci", "k1"));
            store.credentials().touchKey(id, T0.plusSeconds(30));
            store.credentials().touchKey(id, T0.plusSeconds(10));
            assertThat(store.credentials().key(id).orElseThrow().lastUsed()).contains(T0.plusSeconds(30));
            assertThat(store.credentials().revokeKey(id, T0.plusSeconds(40))).isTrue();
            assertThat(store.credentials().revokeKey(id, T0.plusSeconds(50))).isFalse();
            assertThat(store.credentials().key(id).orElseThrow().revoked()).contains(T0.plusSeconds(40));
            assertThat(store.credentials().revokeKey(new ApiKeyId("ffffffffffff"), T0)).isFalse();
        }
    }

    @Nested
    class Audit {
        private AuditEntry entry(int second, AuditKind kind, String actor, String subject) {
            return AuditEntry.of(T0.plusSeconds(second), kind, actor, "http").address("127.0.0.1").subject(subject);
        }

        @Test
        void returns_entries_newest_first_with_every_field() {
            JsonObject detail = JsonObject.builder().put("tool", "bash").put("arguments_sha256", "ab12").build();
            store.audit().append(entry(1, AuditKind.LOGIN_OK, "alice", ""));
            store.audit().append(entry(2, AuditKind.APPROVAL_REQUESTED, "alice", "bash").detail(detail));
            assertThat(store.audit().query(AuditQuery.latest())).containsExactly(
                    entry(2, AuditKind.APPROVAL_REQUESTED, "alice", "bash").detail(detail),
                    entry(1, AuditKind.LOGIN_OK, "alice", ""));
        }

        @Test
        void filters_by_user_as_actor_or_subject_by_kind_and_by_time_and_limits() {
            store.audit().append(entry(1, AuditKind.LOGIN_FAILED, "bob", ""));
            store.audit().append(entry(2, AuditKind.USER_ADDED, "cli:root", "bob"));
            store.audit().append(entry(3, AuditKind.LOGIN_OK, "alice", ""));
            store.audit().append(entry(4, AuditKind.LOGIN_FAILED, "bob", ""));
            assertThat(store.audit().query(new AuditQuery(Optional.of("bob"), Optional.empty(), Optional.empty(),
                    10))).extracting(AuditEntry::time).containsExactly(T0.plusSeconds(4), T0.plusSeconds(2),
                    T0.plusSeconds(1));
            assertThat(store.audit().query(new AuditQuery(Optional.empty(), Optional.of(AuditKind.LOGIN_FAILED),
                    Optional.of(T0.plusSeconds(2)), 10))).extracting(AuditEntry::time)
                    .containsExactly(T0.plusSeconds(4));
            assertThat(store.audit().query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 2)))
                    .hasSize(2);
            assertThat(store.audit().query(new AuditQuery(Optional.of("' OR '1'='1"), Optional.empty(),
                    Optional.empty(), 10))).isEmpty();
        }

        @Test
        void keeps_the_order_of_entries_of_the_same_millisecond() {
            for (int i = 0; i < 20; i++) {
                store.audit().append(entry(0, AuditKind.ADMIN_ACTION, "admin", "step-" + i));
            }
            assertThat(store.audit().query(AuditQuery.latest()).getFirst().subject()).isEqualTo("step-19");
        }

        @Test
        void stores_control_characters_as_question_marks_so_no_line_can_be_forged() {
            store.audit().append(entry(1, AuditKind.LOGIN_FAILED, "eve\n2026-01-01 login.ok admin", "\u001b[2J"));
            AuditEntry read = store.audit().query(AuditQuery.latest()).getFirst();
            assertThat(read.actor()).isEqualTo("eve?2026-01-01 login.ok admin").doesNotContain("\n");
            assertThat(read.subject()).isEqualTo("?[2J");
        }
    }

    @Test
    void keeps_users_credentials_and_audit_across_a_restart() throws Exception {
        store.users().add(user(ALICE, Tier.APPROVAL));
        store.credentials().addSession(new LoginSession(hash("t"), ALICE, T0, T0.plusSeconds(60), Optional.empty()));
        store.credentials().addKey(key(new ApiKeyId("0123456789ab"), ALICE, "ci", "k"));
        store.audit().append(AuditEntry.of(T0, AuditKind.USER_ADDED, "cli:root", "cli").subject("alice"));
        store = reopen();
        assertThat(store.users().get(ALICE)).contains(user(ALICE, Tier.APPROVAL));
        assertThat(store.credentials().session(hash("t"))).isPresent();
        assertThat(store.credentials().keyByHash(hash("k"))).isPresent();
        assertThat(store.audit().query(AuditQuery.latest())).extracting(AuditEntry::subject).containsExactly("alice");
    }
}
