package dev.ordersaga.auth.user;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password policy (also in the README):
 *
 * <ul>
 *   <li>at least {@value #MIN_CHARACTERS} characters (Unicode code points) and not only whitespace;
 *   <li>at most {@value #MAX_BYTES} bytes in UTF-8: bcrypt only reads the first 72 bytes, so a
 *       longer password would silently be cut (and Spring's encoder refuses it);
 *   <li>not the username, ignoring case.
 * </ul>
 */
public final class PasswordPolicy {

    public static final int MIN_CHARACTERS = 8;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    /** What is wrong with this password for this user; empty when it is acceptable. */
    public static List<String> violations(String username, String password) {
        List<String> violations = new ArrayList<>();
        if (password == null) {
            return violations; // a missing password is reported by @NotBlank
        }
        if (password.isBlank()) {
            violations.add("must not be blank");
        }
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            violations.add("must be at least " + MIN_CHARACTERS + " characters long");
        }
        if (!fitsBcrypt(password)) {
            violations.add("must be at most " + MAX_BYTES + " bytes long in UTF-8");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            violations.add("must not be the username");
        }
        return violations;
    }

    /** Whether bcrypt reads the whole password. */
    public static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
