package dev.ordersaga.console.audit;

import dev.ordersaga.console.audit.AuditEntry.Outcome;
import dev.ordersaga.console.security.Operator;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The console's audit trail, in its own database: every action is written with its outcome, also
 * when it failed or was refused. Entries are only ever inserted.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    public AuditLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Runs an action as the signed-in operator and records it: {@code OK} with {@code describe}'s
     * words, or the failure's message ({@code REFUSED} for a {@link Refusal}, else {@code FAILED});
     * a failure is thrown on after it is recorded.
     */
    public <T> T record(String action, String target, Supplier<T> work, Function<T, String> describe) {
        String operator = currentOperator();
        try {
            T result = work.get();
            write(operator, action, target, Outcome.OK, describe.apply(result));
            return result;
        } catch (RuntimeException e) {
            write(operator, action, target, e instanceof Refusal ? Outcome.REFUSED : Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    public void write(String operator, String action, String target, Outcome outcome, String detail) {
        AuditEntry entry = new AuditEntry(
                UUID.randomUUID().toString(), clock.instant(), operator, action, target, outcome, detail);
        log.info("audit: {} {} {} {}: {}", operator, action, target, outcome, detail);
        mongo.insert(entry);
    }

    /** The newest entries first. */
    public List<AuditEntry> latest(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "at")).limit(limit), AuditEntry.class);
    }

    static String currentOperator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Operator operator) {
            return operator.username();
        }
        return auth == null ? "(nobody)" : auth.getName();
    }

    /** An action the shop refused (a rule said no, e.g. cancelling a decided order), not a fault. */
    public interface Refusal {}
}
