package dev.ordersaga.composecheck;

import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ShellScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compose/kafka-setup.sh read as data: its {@code user <name> "$VAR"}, {@code topic <name>} and
 * {@code acl <kafka-acls.sh arguments>} lines (a trailing backslash continues a line), the ACL
 * arguments expanded as kafka-acls.sh does (every principal with every operation on every resource).
 */
record KafkaSetupScript(String path, Map<String, String> users, List<String> topics, Set<Acl> acls) {

    private static final Pattern USER = Pattern.compile("user\\s+(\\S+)\\s+\"\\$\\{?([A-Z][A-Z0-9_]*)}?\"");
    private static final Pattern TOPIC = Pattern.compile("topic\\s+(\\S+)");

    /** One ACL: {@code User:payment-service WRITE topic payment-events (literal)}. */
    record Acl(String principal, String operation, String resourceType, String patternType, String name) {

        static Acl literal(String principal, String operation, String resourceType, String name) {
            return new Acl(principal, operation, resourceType, "literal", name);
        }

        @Override
        public String toString() {
            return principal + " " + operation + " " + resourceType + " " + name
                    + (patternType.equals("literal") ? "" : " (" + patternType + ")");
        }
    }

    static KafkaSetupScript read(String path) {
        Map<String, String> users = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>();
        Set<Acl> acls = new LinkedHashSet<>();
        for (String line : ShellScript.logicalLines(Repo.read(path))) {
            Matcher user = USER.matcher(line);
            Matcher topic = TOPIC.matcher(line);
            if (user.matches()) {
                users.put(user.group(1), user.group(2));
            } else if (topic.matches()) {
                topics.add(topic.group(1));
            } else if (line.startsWith("acl ")) {
                acls.addAll(expand(ShellScript.words(line.substring(4))));
            }
        }
        return new KafkaSetupScript(path, users, topics, acls);
    }

    private static List<Acl> expand(List<String> args) {
        List<String> principals = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        List<String[]> resources = new ArrayList<>();
        String patternType = "literal";
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : "";
            switch (option) {
                case "--allow-principal" -> principals.add(value);
                case "--operation" -> operations.add(value.toUpperCase(java.util.Locale.ROOT));
                case "--topic" -> resources.add(new String[] {"topic", value});
                case "--group" -> resources.add(new String[] {"group", value});
                case "--transactional-id" -> resources.add(new String[] {"transactional-id", value});
                case "--resource-pattern-type" -> patternType = value.toLowerCase(java.util.Locale.ROOT);
                case "--cluster" -> {
                    resources.add(new String[] {"cluster", "kafka-cluster"});
                    continue;
                }
                default -> {
                    if (option.startsWith("--deny") || option.equals("--remove")) {
                        throw new AssertionError("kafka-setup.sh: acl lines only add allow rules, found " + args);
                    }
                    continue;
                }
            }
            i++;
        }
        List<Acl> acls = new ArrayList<>();
        for (String principal : principals) {
            for (String operation : operations) {
                for (String[] resource : resources) {
                    acls.add(new Acl(principal, operation, resource[0], patternType, resource[1]));
                }
            }
        }
        return acls;
    }
}
