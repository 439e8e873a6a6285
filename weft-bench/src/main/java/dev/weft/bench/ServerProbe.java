package dev.weft.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * What an echo server child tells the benchmark that drives it: {@code listening PORT} once it
 * accepts connections, and, for each {@code mark} line on its stdin, {@code cpu_ns=C alloc=A}: its
 * process CPU time and the bytes its threads have allocated so far, so the driver can take the
 * difference over the measured window. A daemon thread answers, so serving is undisturbed.
 */
final class ServerProbe {
  private ServerProbe() {}

  /**
   * Announces the port and starts answering marks.
   *
   * @param port the port the server listens on
   */
  static void start(int port) {
    System.out.println("listening " + port);
    System.out.flush();
    Thread.ofPlatform()
        .daemon()
        .name("server-probe")
        .start(
            () -> {
              var os =
                  (com.sun.management.OperatingSystemMXBean)
                      ManagementFactory.getOperatingSystemMXBean();
              var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.equals("mark")) {
                    System.out.println(
                        "cpu_ns=" + os.getProcessCpuTime() + " alloc="
                            + threads.getTotalThreadAllocatedBytes());
                    System.out.flush();
                  }
                }
              } catch (Exception e) {
                // stdin closed or unreadable: nobody asks any more
              }
            });
  }
}
