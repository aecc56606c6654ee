package dev.ordersaga.composecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards of docker-compose.yml ({@value #DIRECTORY}/*.json, Grafana's dashboard JSON
 * model): every query of every panel (rows' panels too) and of the template variables, with the
 * data source it names. Public: local-stack's DashboardMetricsIT checks the same queries against a
 * running stack.
 */
public final class Dashboards {

    public static final String DIRECTORY = "compose/grafana/dashboards";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Dashboards() {}

    /** A dashboard file. */
    public record Dashboard(Path file, String uid, String title, List<Panel> panels, List<Query> queries) {

        /** Every metric name its queries read. */
        public Set<String> metricNames() {
            Set<String> names = new LinkedHashSet<>();
            queries.forEach(q -> names.addAll(q.metricNames()));
            return names;
        }
    }

    /** A panel: its title and the data source uid it names itself (empty when it names none). */
    public record Panel(String title, String type, String datasourceUid) {}

    /**
     * One query: where it is ({@code "<dashboard> / <panel> / A"}), the uid of its data source (its
     * own, else its panel's) and the expression. {@code templateVariable} for a variable's query.
     */
    public record Query(String where, String datasourceUid, String expression, boolean templateVariable) {

        public Set<String> metricNames() {
            return templateVariable ? PromQl.templateQueryMetricNames(expression) : PromQl.metricNames(expression);
        }

        /**
         * The labels it groups, joins or filters by that the services must put on its metrics:
         * {@code job} and {@code instance} are Prometheus's own (the scrape target), left out.
         */
        public Set<String> serviceLabelNames() {
            if (templateVariable) {
                return Set.of();
            }
            Set<String> labels = new LinkedHashSet<>(PromQl.labelNames(expression));
            labels.removeAll(Set.of("job", "instance"));
            return labels;
        }
    }

    /** Every dashboard under {@code repositoryRoot}'s {@value #DIRECTORY}, by file name. */
    public static List<Dashboard> load(Path repositoryRoot) {
        Path directory = repositoryRoot.resolve(DIRECTORY);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(Dashboards::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** Every metric name the dashboards under {@code repositoryRoot} read. */
    public static Set<String> metricNames(Path repositoryRoot) {
        Set<String> names = new LinkedHashSet<>();
        load(repositoryRoot).forEach(d -> names.addAll(d.metricNames()));
        return names;
    }

    static Dashboard parse(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String title = root.path("title").asString("");
        List<Panel> panels = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        collectPanels(title, root.path("panels"), panels, queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!variable.path("type").asString("").equals("query")) {
                continue;
            }
            JsonNode query = variable.path("query");
            String expression = query.isObject() ? query.path("query").asString("") : query.asString("");
            queries.add(new Query(
                    title + " / variable " + variable.path("name").asString("?"),
                    uid(variable.path("datasource")),
                    expression,
                    true));
        }
        return new Dashboard(file, root.path("uid").asString(""), title, panels, queries);
    }

    private static void collectPanels(String dashboard, JsonNode list, List<Panel> panels, List<Query> queries) {
        for (JsonNode panel : list) {
            String title = panel.path("title").asString("");
            String panelUid = uid(panel.path("datasource"));
            panels.add(new Panel(title, panel.path("type").asString(""), panelUid));
            for (JsonNode target : panel.path("targets")) {
                String own = uid(target.path("datasource"));
                String expression = target.path("expr").asString("");
                queries.add(new Query(
                        dashboard + " / " + title + " / " + target.path("refId").asString("?"),
                        own.isEmpty() ? panelUid : own,
                        expression,
                        false));
            }
            collectPanels(dashboard, panel.path("panels"), panels, queries); // a row's panels
        }
    }

    /** {@code {"type": ..., "uid": ...}} gives its uid; a bare string (a data source's name) itself. */
    private static String uid(JsonNode datasource) {
        if (datasource.isObject()) {
            return datasource.path("uid").asString("");
        }
        return datasource.isString() ? datasource.asString() : "";
    }
}
