package io.gridflex.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.gridflex.infra.InfraHome;

/**
 * {@code run}: start the local stack and keep it running until stopped. {@code demo}: the same, plus two overlapping DR
 * events narrated end to end; with {@code --exit-after-demo} it stops afterwards and exits non-zero when a step failed.
 * {@code status}: whether each part of a stack started in the run directory answers ({@link StackStatus}).
 */
public final class GridFlexCommand {

    private static final String USAGE = """
            usage: gridflex-local-stack (run | demo | status) [options]
              --exit-after-demo        (demo) stop after the demo; exit code 1 if any step failed
              --reduction-kw N         (demo) reduction the first event asks for (default 100; the second 60 %)
              --duration-seconds N     (demo) each event's length (default 60)
              --random-ports           use any free ports instead of the documented ones
              --run-dir DIR            data and logs (default deploy/local/.run)
            status exits 0 when every part is up, 1 when one is down or not ready, 3 when nothing runs
            """;

    private GridFlexCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || !List.of("run", "demo", "status").contains(rest.getFirst())) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String command = rest.removeFirst();
        boolean exitAfterDemo = rest.remove("--exit-after-demo");
        boolean randomPorts = rest.remove("--random-ports");
        double reductionKw = Double.parseDouble(option(rest, "--reduction-kw", "100"));
        Duration duration = Duration.ofSeconds(Long.parseLong(option(rest, "--duration-seconds", "60")));
        Path runDir = Path.of(option(rest, "--run-dir",
                InfraHome.repositoryRoot().resolve("deploy/local/.run").toString())).toAbsolutePath();
        if (!rest.isEmpty()) {
            System.err.println("unknown arguments: " + rest);
            System.err.print(USAGE);
            System.exit(2);
        }
        if (command.equals("status")) {
            System.exit(new StackStatus().report(runDir, System.out));
        }

        StackOptions options = StackOptions.defaults(runDir);
        if (randomPorts) {
            options = options.withRandomPorts();
        }
        Narrator narrator = new Narrator(System.out);
        LocalStack stack;
        try {
            stack = LocalStack.start(options, narrator);
        } catch (RuntimeException e) {
            narrator.fail("the stack did not start: %s", e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping GridFlex...");
            stack.close();
            stopped.countDown();
        }, "gridflex-stop"));
        narrator.info("Endpoints are listed in %s", runDir.resolve("stack.json"));

        if (command.equals("demo")) {
            DemoReport report = new DemoScenario(stack, narrator).run(reductionKw, duration);
            if (report.failures().isEmpty()) {
                narrator.step("Demo complete: every step worked.");
            } else {
                narrator.info("Demo finished with %d failed step(s); logs are in %s", report.failures().size(),
                        options.logs());
            }
            if (exitAfterDemo) {
                System.exit(report.failures().isEmpty() ? 0 : 1);
            }
        }
        narrator.info("Billing pages: %s/ui (log in as bill to read, ada or bea to review and approve; the demo "
                + "users' password, made up for this run, is in %s)", stack.url("settlement"),
                SecretFiles.path(options, "demo-password"));
        narrator.info("GridFlex is running. Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            System.err.println(name + " needs a value");
            System.exit(2);
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return value;
    }
}
