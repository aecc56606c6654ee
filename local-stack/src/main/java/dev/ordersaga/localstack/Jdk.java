package dev.ordersaga.localstack;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * The start of a command line of a JVM the stack runs: this JDK's {@code java}, the process's marker (how
     * {@code down} and the supervisor find it again) and its JVM options; a mutable list, to add the rest to.
     */
    public static List<String> javaCommand(String marker, String... options) {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), marker));
        command.addAll(List.of(options));
        return command;
    }

    /**
     * The launcher's own class path with absolute entries, for the short-lived tools it runs from it
     * ({@link ToolCommands}); the store and the supervisor run from {@link LauncherJar}'s copy.
     */
    public static String ownClassPath() {
        return classPath(ownClassPathEntries());
    }

    /** Class path entries as {@code -cp} takes them. */
    public static String classPath(List<Path> entries) {
        return entries.stream()
                .map(Path::toString)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    public static List<Path> ownClassPathEntries() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath())
                .toList();
    }

    /**
     * Options that give memory back while a JVM idles: {@code -XX:TrimNativeHeapInterval} (JDK 22+)
     * returns the native heap the JIT compilers and class loading freed to the system now and then,
     * so a stack at rest does not stay at its start-up peak.
     */
    public static List<String> restingMemoryOptions() {
        return restingMemoryOptions(feature());
    }

    static List<String> restingMemoryOptions(int feature) {
        return feature >= 22 ? List.of("-XX:TrimNativeHeapInterval=30000") : List.of();
    }

    /** JDK 25 has the one-step AOT cache (JEP 483/514/515); older JDKs get a dynamic CDS archive. */
    public static boolean hasAotCache() {
        return hasAotCache(feature());
    }

    static boolean hasAotCache(int feature) {
        return feature >= 25;
    }

    /** The memory of the machine, or of the container the JVM runs in (its limit). */
    public static long physicalMemory() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}
