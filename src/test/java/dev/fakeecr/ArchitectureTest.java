package dev.fakeecr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rules, checked on the class files themselves (so imports, fully qualified names and
 * inlined generics all count): the internal core needs neither the SDK, JUnit nor AssertJ, so the standalone
 * jar runs without them; the internal packages layer bottom-up (registry, then protocol, then server); and the
 * API packages other than the handle reach into internal only through the one fault bridge.
 * Names below are JVM internal names ({@code dev/fakeecr/internal/registry/Registry}).
 */
class ArchitectureTest {
    private static final String INTERNAL = "dev/fakeecr/internal/";
    /** How dev.fakeecr.faults reaches the rule-firing code while keeping its constructors package-private. */
    private static final String FAULT_BRIDGE = INTERNAL + "faults/FaultAccess";

    /** Each main class and the classes its constant pool refers to, by internal name. */
    private static Map<String, Set<String>> references;

    @BeforeAll
    static void readClassFiles() throws IOException {
        references = new LinkedHashMap<>();
        for (String name : MainClasses.internalNames()) {
            references.put(name, ConstantPool.referencedClasses(MainClasses.file(name)));
        }
    }

    @Test
    void coreIsSdkFree() {
        assertNoReferences("dev.fakeecr.internal must not use the AWS SDK, JUnit or AssertJ: "
                        + "the standalone jar ships without them",
                (from, to) -> from.startsWith(INTERNAL)
                        && startsWithAny(to, "software/amazon/awssdk/", "org/junit/", "org/assertj/"));
    }

    @Test
    void internalNeverReachesTheHandleOrTheGlue() {
        assertNoReferences("dev.fakeecr.internal must not use FakeEcr*, dev.fakeecr.junit or dev.fakeecr.assertj: "
                        + "they are built on it, not the other way round",
                (from, to) -> from.startsWith(INTERNAL) && (isHandle(to)
                        || startsWithAny(to, "dev/fakeecr/junit/", "dev/fakeecr/assertj/")));
    }

    /**
     * The layers inside dev.fakeecr.internal, bottom-up: each package may use only those listed for it (and
     * itself). The root package holds shared utilities (the one JSON mapper); account is the one store of
     * state; protocol and admin are the handlers; server routes and composes.
     */
    private static final Map<String, List<String>> INTERNAL_LAYERS = Map.of(
            "", List.of(),
            "lifecycle", List.of(""),
            "registry", List.of("", "lifecycle"),
            "journal", List.of(""),
            "faults", List.of(""),
            "account", List.of("", "lifecycle", "registry", "journal", "faults"),
            "protocol", List.of("", "lifecycle", "registry", "journal", "faults", "account"),
            "admin", List.of("", "lifecycle", "registry", "journal", "faults", "account", "protocol"),
            "distribution", List.of("", "lifecycle", "registry", "journal", "faults", "account", "protocol"),
            "server", List.of("", "lifecycle", "registry", "journal", "faults", "account", "protocol", "admin",
                    "distribution"));

    @Test
    void internalPackagesLayerBottomUp() {
        assertNoReferences("inside dev.fakeecr.internal the layers go (root) -> lifecycle -> registry, journal, faults"
                        + " -> account -> protocol -> admin, distribution -> server, never back up: " + INTERNAL_LAYERS,
                (from, to) -> {
                    if (!from.startsWith(INTERNAL) || !to.startsWith(INTERNAL)) {
                        return false;
                    }
                    String fromLayer = internalPackage(from);
                    String toLayer = internalPackage(to);
                    List<String> allowed = INTERNAL_LAYERS.get(fromLayer);
                    return !fromLayer.equals(toLayer) && (allowed == null || !allowed.contains(toLayer));
                });
    }

    @Test
    void everyInternalPackageHasALayer() {
        assertNoReferences("every package under dev.fakeecr.internal is placed in INTERNAL_LAYERS",
                (from, to) -> from.startsWith(INTERNAL) && !INTERNAL_LAYERS.containsKey(internalPackage(from)));
    }

    /** {@code dev/fakeecr/internal/protocol/X} -> {@code protocol}; a class of the root package -> "". */
    private static String internalPackage(String className) {
        String rest = className.substring(INTERNAL.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    @Test
    void valuePackagesReachInternalOnlyThroughTheFaultBridge() {
        assertNoReferences("dev.fakeecr.registry, .journal and .faults must not use dev.fakeecr.internal, except "
                        + "dev.fakeecr.faults -> " + FAULT_BRIDGE,
                (from, to) -> isValuePackage(from) && to.startsWith(INTERNAL)
                        && !(from.startsWith("dev/fakeecr/faults/") && to.equals(FAULT_BRIDGE)));
    }

    @Test
    void valuePackagesKnowNothingOfTheHandleOrTheTestLibraries() {
        assertNoReferences("dev.fakeecr.registry, .journal and .faults must not use FakeEcr*, JUnit, AssertJ "
                        + "or the fake's junit and assertj packages: they are plain values",
                (from, to) -> isValuePackage(from) && (isHandle(to) || startsWithAny(to, "org/junit/",
                        "org/assertj/", "dev/fakeecr/junit/", "dev/fakeecr/assertj/")));
    }

    @Test
    void assertionsAndExtensionUseOnlyTheApi() {
        assertNoReferences("dev.fakeecr.assertj and dev.fakeecr.junit must not use dev.fakeecr.internal: "
                        + "what they need, users could need too",
                (from, to) -> startsWithAny(from, "dev/fakeecr/assertj/", "dev/fakeecr/junit/")
                        && to.startsWith(INTERNAL));
    }

    /** Fails listing every offending reference at once, so one run shows the whole job. */
    private static void assertNoReferences(String rule, BiPredicate<String, String> forbidden) {
        assertTrue(!references.isEmpty(), "no class files found under " + MainClasses.root());
        List<String> offenders = new ArrayList<>();
        references.forEach((from, targets) -> targets.stream()
                .filter(to -> forbidden.test(from, to))
                .forEach(to -> offenders.add(from + " -> " + to)));
        assertTrue(offenders.isEmpty(), () -> "Broken rule: " + rule + "\n" + offenders.size()
                + " offending reference(s):\n  " + String.join("\n  ", offenders));
    }

    private static boolean isHandle(String name) {
        return name.startsWith("dev/fakeecr/FakeEcr") && name.indexOf('/', "dev/fakeecr/".length()) < 0;
    }

    private static boolean isValuePackage(String name) {
        return startsWithAny(name, "dev/fakeecr/registry/", "dev/fakeecr/journal/", "dev/fakeecr/faults/");
    }

    private static boolean startsWithAny(String name, String... prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Just enough of the class file format (JVMS 4.4) to list what a class refers to: the CONSTANT_Class
     * entries, and the class names inside descriptors and generic signatures held in CONSTANT_Utf8 entries
     * (field and method types, type arguments, annotations). Utf8 entries that only back string literals are
     * left out: a literal is text, not a reference.
     */
    static final class ConstantPool {
        /** {@code Lpkg/Name;} or {@code Lpkg/Name<...>;} inside a descriptor or signature. */
        private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

        private ConstantPool() {
        }

        static Set<String> referencedClasses(Path classFile) throws IOException {
            byte[] bytes = Files.readAllBytes(classFile);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.skipBytes(4); // minor and major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            Set<Integer> literals = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF(); // Utf8 (modified UTF-8, as readUTF expects)
                    case 7 -> classNames.add(in.readUnsignedShort()); // Class
                    case 8 -> literals.add(in.readUnsignedShort()); // String
                    case 16, 19, 20 -> in.skipBytes(2); // MethodType, Module, Package
                    case 15 -> in.skipBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // numbers, member refs, (Invoke)Dynamic
                    case 5, 6 -> { // Long and Double take two entries
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
            Set<String> referenced = new TreeSet<>();
            for (int index : classNames) {
                referenced.add(elementName(utf8[index]));
            }
            for (int i = 1; i < count; i++) {
                if (utf8[i] != null && !literals.contains(i)) {
                    Matcher matcher = CLASS_IN_DESCRIPTOR.matcher(utf8[i]);
                    while (matcher.find()) {
                        referenced.add(matcher.group(1));
                    }
                }
            }
            referenced.remove(""); // arrays of primitives
            return referenced;
        }

        /** A Class entry names a class ({@code a/B}) or an array type ({@code [[La/B;}, {@code [I}). */
        private static String elementName(String name) {
            String element = name.replaceFirst("^\\[+", "");
            if (element.length() == name.length()) {
                return name;
            }
            return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : "";
        }
    }
}
