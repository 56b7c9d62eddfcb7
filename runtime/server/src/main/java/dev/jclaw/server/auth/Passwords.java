package dev.jclaw.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with argon2id (password4j): m = 19456 KiB, t = 2, p = 1, a 16-byte random salt and a 32-byte
 * hash — OWASP's first recommended setting, about 40 ms per hash on one core. Hashes are PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) that carry their own parameters, so verifying a hash made
 * with other parameters still works after these change. Comparison of the computed and the stored hash is
 * constant-time inside password4j.
 */
public final class Passwords {
    /** The shortest password accepted. */
    public static final int MIN_LENGTH = 8;
    /** The longest password accepted: enough for any passphrase, short of a hashing denial of service. */
    public static final int MAX_LENGTH = 1024;

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Verified instead of a user's hash when there is no such user, so both cost the same time; made on first use. */
    private volatile String dummy;

    /** Creates the hasher. */
    public Passwords() {
    }

    /**
     * Checks a new password against the policy: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, no control
     * characters (which a terminal or a form would not send back the same way).
     *
     * @param password the password
     * @return the password
     * @throws IllegalArgumentException saying what is wrong, without repeating the password
     */
    public static String checkPolicy(String password) {
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a password cannot hold control characters (tabs, new lines)");
        }
        return password;
    }

    /**
     * Hashes a password.
     *
     * @param password the password
     * @return the PHC string
     */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /**
     * Checks a password against a stored hash.
     *
     * @param password the password given
     * @param phc the stored PHC string
     * @return whether it matches; false for a damaged or foreign hash
     */
    public boolean verify(String password, String phc) {
        if (password.length() > MAX_LENGTH) {
            return false;
        }
        try {
            return Password.check(password, phc).with(Argon2Function.getInstanceFromHash(phc));
        } catch (RuntimeException e) {
            return false; // not an argon2 PHC string
        }
    }

    /**
     * Spends the time of one verification without a user: what a login for an unknown name does, so that its answer
     * takes as long as a wrong password's and does not tell which names exist.
     *
     * @param password the password given
     */
    public void verifyNobody(String password) {
        String against = dummy;
        if (against == null) {
            against = hash("not a password: the hash unknown user names are checked against");
            dummy = against;
        }
        verify(password.length() > MAX_LENGTH ? "" : password, against);
    }
}
