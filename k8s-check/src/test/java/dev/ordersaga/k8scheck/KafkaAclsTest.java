package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each service's KafkaUser grants exactly the ACLs its principal has in compose/kafka-setup.sh
 * (which compose-check derives from the code's produce/consume matrix), so both deployments give a
 * service the same rights. The read-only console principal of Compose has no KafkaUser here.
 */
class KafkaAclsTest {

    static final String SETUP_SCRIPT = "compose/kafka-setup.sh";

    @ForEachService
    void kafkaUserHasTheAclsOfComposesSetupScript(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        GenericKubernetesResource user = overlay.custom("KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlayName + ": no KafkaUser " + service));
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> acl : Custom.list(user, "spec", "authorization", "acls")) {
            Map<?, ?> resource = (Map<?, ?>) acl.get("resource");
            String type = String.valueOf(resource.get("type")).toLowerCase(Locale.ROOT);
            String name = String.valueOf(resource.get("name"));
            String pattern = String.valueOf(
                            resource.containsKey("patternType") ? resource.get("patternType") : "literal")
                    .toLowerCase(Locale.ROOT);
            List<Object> operations = new ArrayList<>();
            if (acl.get("operations") instanceof List<?> list) {
                operations.addAll(list);
            }
            if (acl.containsKey("operation")) {
                operations.add(acl.get("operation"));
            }
            String host = String.valueOf(acl.getOrDefault("host", "*"));
            String kind = String.valueOf(acl.getOrDefault("type", "allow")).toLowerCase(Locale.ROOT);
            operations.forEach(op -> granted.add(
                    entry(kind, type, name, pattern, String.valueOf(op).toUpperCase(Locale.ROOT))
                            + (host.equals("*") ? "" : " host " + host)));
        }
        Set<String> expected = composeAcls().getOrDefault(service, Set.of());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(granted);
        Set<String> extra = new TreeSet<>(granted);
        extra.removeAll(expected);
        assertThat(granted)
                .withFailMessage(
                        "%s: KafkaUser %s differs from %s's ACLs for User:%s%n  missing: %s%n  extra: %s",
                        overlayName, service, SETUP_SCRIPT, service, missing, extra)
                .isEqualTo(expected);
    }

    /** principal -> its ACL entries, from the script's {@code acl ...} calls. */
    static Map<String, Set<String>> composeAcls() {
        Map<String, Set<String>> byPrincipal = new TreeMap<>();
        String script = Repo.read(SETUP_SCRIPT).replace("\\\n", " ");
        for (String line : script.lines().map(String::strip).toList()) {
            if (!line.startsWith("acl ")) {
                continue;
            }
            String[] words = line.replace("'", "").replace("\"", "").split("\\s+");
            String principal = null;
            String pattern = "literal";
            List<String> operations = new ArrayList<>();
            List<String[]> resources = new ArrayList<>();
            for (int i = 1; i < words.length - 1; i++) {
                String value = words[i + 1];
                switch (words[i]) {
                    case "--allow-principal" -> principal = value.substring("User:".length());
                    case "--operation" -> operations.add(value.toUpperCase(Locale.ROOT));
                    case "--resource-pattern-type" -> pattern = value.equals("prefixed") ? "prefix" : value;
                    case "--topic" -> resources.add(new String[] {"topic", value});
                    case "--group" -> resources.add(new String[] {"group", value});
                    default -> {}
                }
            }
            if (principal == null) {
                throw new AssertionError(SETUP_SCRIPT + ": an acl call without --allow-principal: " + line);
            }
            Set<String> entries = byPrincipal.computeIfAbsent(principal, p -> new TreeSet<>());
            for (String[] resource : resources) {
                // kafka-acls.sh applies --resource-pattern-type to every resource of the call
                for (String operation : operations) {
                    entries.add(entry("allow", resource[0], resource[1], pattern, operation));
                }
            }
        }
        return byPrincipal;
    }

    private static String entry(String kind, String type, String name, String pattern, String operation) {
        return kind + " " + operation + " " + type + " " + name + " (" + pattern + ")";
    }
}
