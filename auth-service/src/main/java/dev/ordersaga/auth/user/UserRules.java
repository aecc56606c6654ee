package dev.ordersaga.auth.user;

/** The shapes of user fields, shared by the request records. */
final class UserRules {

    static final String USERNAME = "^[a-zA-Z0-9._-]{3,40}$";
    static final String USERNAME_MESSAGE = "must be 3 to 40 characters of letters, digits, '.', '_' or '-'";
    /** Bean Validation's @Email also accepts "a@b"; a reachable address has a dot in its domain. */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    static final String EMAIL_MESSAGE = "must be a valid email address";
    static final int EMAIL_MAX = 254;
    static final int NAME_MAX = 100;
    static final String OBJECT_ID = "^[0-9a-f]{24}$";
    static final String OBJECT_ID_MESSAGE = "must be 24 lower-case hex characters";

    private UserRules() {}
}
