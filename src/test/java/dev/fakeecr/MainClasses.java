package dev.fakeecr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The compiled main classes (target/classes), found from where {@link FakeEcr} was loaded, so the structural
 * tests see exactly what the jar ships and need no list of classes kept by hand.
 */
final class MainClasses {
    private MainClasses() {
    }

    /** The directory holding the main classes. */
    static Path root() {
        try {
            Path root = Path.of(FakeEcr.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("expected the main classes in a directory, not " + root);
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every class file under the root, as internal names ({@code dev/fakeecr/FakeEcrServer$Builder}), sorted.
     * {@code package-info} and {@code module-info} are left out: they declare no type.
     */
    static List<String> internalNames() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> !name.endsWith("/package-info") && !name.equals("module-info"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class file of an internal name. */
    static Path file(String internalName) {
        return root().resolve(internalName + ".class");
    }
}
