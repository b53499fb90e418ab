import java.lang.management.ManagementFactory;
import javax.tools.ToolProvider;

/** Runs javac in this (fresh) JVM; prints wall ms, javac-thread CPU ms, process CPU ms, exit code. */
public final class JavacTimer {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    var threads = ManagementFactory.getThreadMXBean();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args);
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime();
    long proc = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf("%d %d %d %d%n", wall / 1_000_000, cpu / 1_000_000, proc / 1_000_000, rc);
  }
}
