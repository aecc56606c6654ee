package dev.ordersaga.bench;

import java.util.List;
import java.util.Locale;

/**
 * The picture of a chaos run, as SVG written by hand (no chart library needed): answers per second
 * (by the second their request was sent), stacked by outcome, with every fault as a shaded band from
 * its start to its end and its number on top.
 */
public final class ChaosChart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 420;
    private static final int LEFT = 50;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    /** Outcome groups, bottom to top, with their colours and legend names. */
    private record Band(String name, String colour, List<Outcome> outcomes) {}

    private static final List<Band> BANDS = List.of(
            new Band("201", "#2e7d32", List.of(Outcome.CONFIRMED)),
            new Band(
                    "402/409/400 (on purpose)",
                    "#90a4ae",
                    List.of(Outcome.PAYMENT_DECLINED, Outcome.OUT_OF_STOCK, Outcome.BAD_REQUEST, Outcome.OTHER_4XX)),
            new Band("429", "#8e24aa", List.of(Outcome.RATE_LIMITED_429)),
            new Band("503", "#fb8c00", List.of(Outcome.SHED_503)),
            new Band("504", "#d32f2f", List.of(Outcome.TIMEOUT_504)),
            new Band("5xx / connection error", "#212121", List.of(Outcome.SERVER_ERROR, Outcome.CONNECTION_ERROR)));

    private ChaosChart() {}

    public static String svg(String title, AnswerTimeline timeline, long seconds, List<ChaosInjector.Done> faults) {
        long max = 1;
        for (long s = 0; s < seconds; s++) {
            max = Math.max(max, timeline.total(s));
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double x1 = plotW / Math.max(1, seconds);
        double y1 = plotH / max;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH,
                HEIGHT));
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        // faults behind the bars
        for (ChaosInjector.Done f : faults) {
            double from = (f.startNanos() - timeline.originNanos()) / 1e9;
            double to = (f.endNanos() - timeline.originNanos()) / 1e9;
            boolean kill = f.fault().hits().stream().anyMatch(h -> h.kind() == ChaosPlan.Kind.KILL);
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.18\">"
                            + "<title>#%d %s</title></rect>%n",
                    LEFT + from * x1,
                    TOP,
                    Math.max(2, (to - from) * x1),
                    plotH,
                    kill ? "#d32f2f" : "#1565c0",
                    f.fault().number(),
                    escape(f.fault().describe())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">#%d</text>%n",
                    LEFT + from * x1,
                    TOP - 4,
                    kill ? "#b71c1c" : "#0d47a1",
                    f.fault().number()));
        }
        for (long second = 0; second < seconds; second++) {
            long s = second;
            double y = TOP + plotH;
            for (Band band : BANDS) {
                long n = band.outcomes().stream()
                        .mapToLong(o -> timeline.count(s, o))
                        .sum();
                if (n == 0) {
                    continue;
                }
                double h = n * y1;
                y -= h;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                        LEFT + s * x1,
                        y,
                        Math.max(0.5, x1 * 0.9),
                        h,
                        band.colour()));
            }
        }
        axes(svg, seconds, max, x1, y1, plotH);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, long seconds, long max, double x1, double y1, double plotH) {
        double bottom = TOP + plotH;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT,
                bottom,
                WIDTH - RIGHT,
                bottom));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT,
                TOP,
                LEFT,
                bottom));
        long step = seconds <= 120 ? 10 : seconds <= 600 ? 30 : 60;
        for (long s = 0; s <= seconds; s += step) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d s</text>%n",
                    LEFT + s * x1,
                    bottom + 14,
                    s));
        }
        long yStep = Math.max(1, (long) Math.pow(10, Math.floor(Math.log10(max))) / (max > 50 ? 1 : 2));
        for (long v = 0; v <= max; v += yStep) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT - 4,
                    bottom - v * y1 + 4,
                    v,
                    LEFT,
                    bottom - v * y1,
                    WIDTH - RIGHT,
                    bottom - v * y1));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" text-anchor=\"middle\">answers per"
                        + " second (by send time)</text>%n",
                TOP + plotH / 2,
                TOP + plotH / 2));
    }

    private static void legend(StringBuilder svg) {
        int x = LEFT;
        int y = HEIGHT - 18;
        for (Band band : BANDS) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    x,
                    y - 9,
                    band.colour(),
                    x + 14,
                    y,
                    escape(band.name())));
            x += 30 + band.name().length() * 7;
        }
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#d32f2f\" fill-opacity=\"0.18\"/>"
                        + "<text x=\"%d\" y=\"%d\">fault with a SIGKILL (until back and ready)</text>%n",
                x,
                y - 9,
                x + 14,
                y));
        x += 290;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#1565c0\" fill-opacity=\"0.18\"/>"
                        + "<text x=\"%d\" y=\"%d\">freeze (SIGSTOP to SIGCONT)</text>%n",
                x,
                y - 9,
                x + 14,
                y));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
