package dev.fakeecr.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs skopeo (no signature policy needed) with its output in a file under {@code target/skopeo/}, which a
 * failure shows.
 */
public final class Skopeo {
    private Skopeo() {}

    /** What a run did. */
    public record Result(int exitCode, String output, double millis) {}

    /**
     * Runs {@code skopeo --insecure-policy <args>} in {@code workDirectory}.
     *
     * @throws AssertionError if it does not finish within {@code timeout}
     */
    public static Result run(Path workDirectory, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createDirectories(Path.of("target", "skopeo")).resolve("skopeo-" + System.nanoTime() + ".log");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(workDirectory.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("skopeo did not finish in " + timeout + ": " + command);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * As {@link #run}, and the run must succeed.
     *
     * @throws AssertionError with skopeo's output if it fails
     */
    public static Result succeed(Path workDirectory, Duration timeout, String... args) {
        Result result = run(workDirectory, timeout, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("skopeo " + String.join(" ", args) + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
        return result;
    }

    /** Whether skopeo is on the PATH. */
    public static boolean installed() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "skopeo")));
    }
}
