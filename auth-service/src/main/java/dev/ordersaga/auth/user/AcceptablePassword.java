package dev.ordersaga.auth.user;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The {@link PasswordPolicy} as a Bean Validation constraint on a {@link Credentials} request. It
 * needs both fields (the password must not be the username), so it sits on the type and reports
 * each violation on the {@code password} field, like any other field error.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Validator.class)
public @interface AcceptablePassword {

    String message() default "does not meet the password policy";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AcceptablePassword, Credentials> {

        @Override
        public boolean isValid(Credentials credentials, ConstraintValidatorContext context) {
            if (credentials == null) {
                return true;
            }
            List<String> violations = PasswordPolicy.violations(credentials.username(), credentials.password());
            if (violations.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (String violation : violations) {
                // Escape EL/message-interpolation syntax: messages are ours, but stay literal.
                context.buildConstraintViolationWithTemplate(
                                violation.replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode("password")
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
