package dev.ordersaga.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.auth.domain.Role;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void eight_characters_are_enough() {
        assertThat(PasswordPolicy.violations("klea", "password")).isEmpty();
        assertThat(PasswordPolicy.violations("klea", "password123")).isEmpty();
    }

    @Test
    void seven_characters_are_too_few() {
        assertThat(PasswordPolicy.violations("klea", "passwor")).containsExactly("must be at least 8 characters long");
    }

    @Test
    void characters_are_counted_as_code_points_not_utf16_units() {
        String fourEmoji = "\uD83D\uDD11".repeat(4); // 4 characters, 8 UTF-16 units, 16 bytes
        String eightEmoji = "\uD83D\uDD11".repeat(8); // 8 characters, 32 bytes

        assertThat(PasswordPolicy.violations("klea", fourEmoji)).containsExactly("must be at least 8 characters long");
        assertThat(PasswordPolicy.violations("klea", eightEmoji)).isEmpty();
    }

    @Test
    void the_limit_is_72_bytes_of_utf8_because_bcrypt_reads_no_more() {
        String seventyTwoBytes = "\u00e9".repeat(36); // é is 2 bytes: 36 characters, 72 bytes
        String seventyFourBytes = "\u00e9".repeat(37); // 37 characters, 74 bytes
        String seventyThreeAscii = "a".repeat(73);

        assertThat(PasswordPolicy.violations("klea", seventyTwoBytes)).isEmpty();
        assertThat(PasswordPolicy.violations("klea", seventyFourBytes))
                .containsExactly("must be at most 72 bytes long in UTF-8");
        assertThat(PasswordPolicy.violations("klea", seventyThreeAscii))
                .containsExactly("must be at most 72 bytes long in UTF-8");
        assertThat(PasswordPolicy.fitsBcrypt("a".repeat(72))).isTrue();
    }

    @Test
    void the_password_may_not_be_the_username_in_any_case() {
        assertThat(PasswordPolicy.violations("Alice.Smith", "alice.smith")).containsExactly("must not be the username");
        assertThat(PasswordPolicy.violations("alice.smith", "ALICE.SMITH")).containsExactly("must not be the username");
        assertThat(PasswordPolicy.violations("alice.smith", "alice.smith1")).isEmpty();
    }

    @Test
    void a_blank_password_is_refused_and_a_missing_one_is_left_to_not_blank() {
        assertThat(PasswordPolicy.violations("klea", "          ")).containsExactly("must not be blank");
        assertThat(PasswordPolicy.violations("klea", null)).isEmpty();
    }

    @Test
    void the_constraint_reports_every_violation_on_the_password_field() {
        var request = new RegisterRequest("abcdefg", "ABCDEFG", "a@example.com", "A");

        Set<ConstraintViolation<RegisterRequest>> violations = validator.validate(request);

        assertThat(violations).extracting(v -> v.getPropertyPath().toString()).containsOnly("password");
        assertThat(violations)
                .extracting(ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder("must be at least 8 characters long", "must not be the username");
    }

    @Test
    void a_good_registration_has_no_violations() {
        assertThat(validator.validate(new RegisterRequest("klea", "password123", "klea@example.com", "Klea")))
                .isEmpty();
    }

    @Test
    void usernames_emails_and_customer_ids_have_their_shapes() {
        var bad = new CreateUserRequest(
                "a b", "password123", "not-an-email", "Name", Set.of(Role.CUSTOMER), "6849DD2562E5FA1C135A04FB");

        assertThat(validator.validate(bad))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("username", "email", "customerId");
        assertThat(validator.validate(new RegisterRequest("ab", "password123", "a@localhost", "N")))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("username", "email");
        assertThat(validator.validate(new RegisterRequest("x".repeat(41), "password123", "a@b.co", "N")))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("username");
    }
}
