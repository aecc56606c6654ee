package dev.ordersaga.localstack;

import java.nio.file.Path;

/** The JDK the launcher runs on; every process of the stack runs on the same one. */
public final class Jdk {

    public static final int MINIMUM = 21;

    private Jdk() {}

    public static int feature() {
        return Runtime.version().feature();
    }

    /** Refuses a JDK older than 21 with a message saying what to do. */
    public static void requireSupported() {
        if (feature() < MINIMUM) {
            throw new StackException("Java " + feature() + " is too old: the stack needs a JDK " + MINIMUM
                    + " or newer. Install one and point JAVA_HOME at it (./stack picks the newest under /usr/lib/jvm"
                    + " by itself).");
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launcher's own class path with absolute entries, for the JVMs it starts from it (the store). */
    public static String ownClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** JDK 25 has the one-step AOT cache (JEP 483/514/515); older JDKs get a dynamic CDS archive. */
    public static boolean hasAotCache() {
        return hasAotCache(feature());
    }

    static boolean hasAotCache(int feature) {
        return feature >= 25;
    }
}
