package dev.fakeecr;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, checked in as {@code src/test/resources/dev/fakeecr/public-api.txt}, so that every change to
 * it shows up as a reviewed diff of that file. The listing is read by reflection from the compiled main classes:
 * every public type of the API packages (all but {@code dev.fakeecr.internal.*}), its public and protected
 * member types, and their public and protected constructors, methods and fields, with generic signatures.
 */
class PublicApiTest {
    private static final String UPDATE_PROPERTY = "fakeecr.updateApi";
    private static final String LISTING = "dev/fakeecr/public-api.txt";
    private static final String UPDATE_COMMAND = "mvn -B test -Dtest=PublicApiTest -D" + UPDATE_PROPERTY + "=true";
    private static final String INTERNAL_PREFIX = "dev.fakeecr.internal.";
    private static final String HEADER = ""
            + "# The public API of fake-ecr, as PublicApiTest reads it from the compiled classes: the public types of\n"
            + "# every package but dev.fakeecr.internal.*, with their public and protected members.\n"
            + "# Any change here is an API change. Regenerate with\n"
            + "#   " + UPDATE_COMMAND + "\n"
            + "# and review the diff. Lines starting with '#' are not compared.\n";
    /** Lines of unchanged listing shown around each change. */
    private static final int CONTEXT = 3;

    @Test
    void publicApiMatchesTheCheckedInListing() throws IOException {
        List<String> actual = listing();
        Path source = sourceListing();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, HEADER + String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
            return;
        }
        List<String> expected = checkedInListing(source);
        if (!expected.equals(actual)) {
            fail("The public API differs from " + LISTING
                    + " (- checked in, + compiled; line numbers leave out the '#' header):\n"
                    + diff(expected, actual)
                    + "\nIf the change is intended, run\n  " + UPDATE_COMMAND
                    + "\nto rewrite the file, then review its diff.");
        }
    }

    /** Users must be able to name every type the API hands them; internal types are free to change. */
    @Test
    void noApiSignatureMentionsAnInternalType() {
        Set<String> offenders = new TreeSet<>();
        for (Class<?> type : apiTypes()) {
            String where = type.getName() + " (its declaration)";
            Consumer<Type> check = t -> forEachClass(t, c -> {
                if (c.getName().startsWith(INTERNAL_PREFIX)) {
                    offenders.add(where + "  ->  " + c.getName());
                }
            });
            check.accept(type.getGenericSuperclass());
            Arrays.stream(type.getGenericInterfaces()).forEach(check);
            typeParameterBounds(type.getTypeParameters()).forEach(check);
            if (type.isSealed()) {
                Arrays.stream(type.getPermittedSubclasses()).forEach(check);
            }
            for (Member member : visibleMembers(type)) {
                String memberWhere = type.getName() + ": " + format(member);
                Consumer<Type> checkMember = t -> forEachClass(t, c -> {
                    if (c.getName().startsWith(INTERNAL_PREFIX)) {
                        offenders.add(memberWhere + "  ->  " + c.getName());
                    }
                });
                if (member instanceof Field field) {
                    checkMember.accept(field.getGenericType());
                } else {
                    Executable executable = (Executable) member;
                    Arrays.stream(executable.getGenericParameterTypes()).forEach(checkMember);
                    Arrays.stream(executable.getGenericExceptionTypes()).forEach(checkMember);
                    typeParameterBounds(executable.getTypeParameters()).forEach(checkMember);
                    if (executable instanceof Method method) {
                        checkMember.accept(method.getGenericReturnType());
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), () -> "API signatures mention internal types:\n  "
                + String.join("\n  ", offenders));
    }

    // ---- the listing

    /** One line per API type, each followed by its members indented; types by name, members by kind and name. */
    static List<String> listing() {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : apiTypes()) {
            lines.add(declaration(type));
            visibleMembers(type).stream()
                    .sorted(Comparator.comparingInt(PublicApiTest::kind).thenComparing(Member::getName)
                            .thenComparing(PublicApiTest::format))
                    .forEach(member -> lines.add("  " + format(member)));
        }
        return lines;
    }

    /** Public top-level types outside internal, and public or protected member types of those, by name. */
    static List<Class<?>> apiTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (String internalName : MainClasses.internalNames()) {
            if (internalName.startsWith("dev/fakeecr/internal/")) {
                continue;
            }
            Class<?> type = load(internalName.replace('/', '.'));
            if (isApi(type)) {
                types.add(type);
            }
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    private static Class<?> load(String name) {
        try { // not initialised: listing the API must not start anything
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is in target/classes but cannot be loaded", e);
        }
    }

    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        Class<?> declaring = type.getDeclaringClass();
        return declaring == null ? Modifier.isPublic(type.getModifiers())
                : isVisible(type.getModifiers()) && isApi(declaring);
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Declared public and protected constructors, fields and methods; compiler-made bridges are not API. */
    private static List<Member> visibleMembers(Class<?> type) {
        return Stream.<Member[]>of(type.getDeclaredFields(), type.getDeclaredConstructors(), type.getDeclaredMethods())
                .flatMap(Arrays::stream)
                .filter(member -> isVisible(member.getModifiers()) && !member.isSynthetic())
                .toList();
    }

    /** Fields, then constructors, then methods. */
    private static int kind(Member member) {
        return member instanceof Field ? 0 : member instanceof Constructor ? 1 : 2;
    }

    static String declaration(Class<?> type) {
        StringBuilder line = new StringBuilder();
        int modifiers = type.getModifiers()
                & (type.isInterface() ? Modifier.interfaceModifiers() & ~Modifier.ABSTRACT : Modifier.classModifiers());
        line.append(modifiers(modifiers));
        if (type.isSealed()) {
            line.append("sealed ");
        }
        line.append(type.isAnnotation() ? "@interface " : type.isInterface() ? "interface "
                : type.isEnum() ? "enum " : type.isRecord() ? "record " : "class ");
        line.append(type.getName()).append(typeParameters(type.getTypeParameters()));
        if (type.isRecord()) {
            line.append(Arrays.stream(type.getRecordComponents())
                    .map(PublicApiTest::component).collect(joining(", ", "(", ")")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class
                && !(type.isEnum() && superclass instanceof ParameterizedType p && p.getRawType() == Enum.class)) {
            line.append(" extends ").append(name(superclass));
        }
        List<Type> interfaces = Arrays.stream(type.getGenericInterfaces())
                .filter(i -> !(type.isAnnotation() && i == java.lang.annotation.Annotation.class))
                .toList();
        if (!interfaces.isEmpty()) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(interfaces.stream().map(PublicApiTest::name).collect(joining(", ")));
        }
        if (type.isSealed()) {
            line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
                    .map(Class::getName).sorted().collect(joining(", ")));
        }
        return line.toString();
    }

    private static String component(RecordComponent component) {
        return name(component.getGenericType()) + " " + component.getName();
    }

    static String format(Member member) {
        if (member instanceof Field field) {
            return modifiers(field.getModifiers() & Modifier.fieldModifiers())
                    + name(field.getGenericType()) + " " + field.getName();
        }
        Executable executable = (Executable) member;
        StringBuilder line = new StringBuilder();
        // synchronized, native and strictfp say how a method is implemented, not what callers may rely on.
        int mask = (executable instanceof Method ? Modifier.methodModifiers() : Modifier.constructorModifiers())
                & ~(Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.STRICT);
        line.append(modifiers(executable.getModifiers() & mask));
        if (executable instanceof Method method && method.isDefault()) {
            line.append("default ");
        }
        String typeParameters = typeParameters(executable.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            line.append(typeParameters).append(' ');
        }
        if (executable instanceof Method method) {
            line.append(name(method.getGenericReturnType())).append(' ').append(method.getName());
        } else {
            line.append(executable.getDeclaringClass().getName());
        }
        Type[] parameters = executable.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String name = name(parameters[i]);
            if (executable.isVarArgs() && i == parameters.length - 1 && name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            names.add(name);
        }
        line.append('(').append(String.join(", ", names)).append(')');
        Type[] exceptions = executable.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            line.append(" throws ").append(Arrays.stream(exceptions).map(PublicApiTest::name).collect(joining(", ")));
        }
        return line.toString();
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers);
        return text.isEmpty() ? "" : text + " ";
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables).map(variable -> {
            List<Type> bounds = Arrays.stream(variable.getBounds()).filter(b -> b != Object.class).toList();
            return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends "
                    + bounds.stream().map(PublicApiTest::name).collect(joining(" & "));
        }).collect(joining(", ", "<", ">"));
    }

    private static List<Type> typeParameterBounds(TypeVariable<?>[] variables) {
        return Arrays.stream(variables).flatMap(variable -> Arrays.stream(variable.getBounds())).toList();
    }

    /** A type as source would spell it, with binary names for classes ({@code Outer$Inner}). */
    static String name(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? name(c.getComponentType()) + "[]" : c.getName();
        }
        if (type instanceof ParameterizedType p) {
            return name(p.getRawType()) + Arrays.stream(p.getActualTypeArguments())
                    .map(PublicApiTest::name).collect(joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType array) {
            return name(array.getGenericComponentType()) + "[]";
        }
        if (type instanceof WildcardType wildcard) {
            if (wildcard.getLowerBounds().length > 0) {
                return "? super " + Arrays.stream(wildcard.getLowerBounds())
                        .map(PublicApiTest::name).collect(joining(" & "));
            }
            List<Type> upper = Arrays.stream(wildcard.getUpperBounds()).filter(b -> b != Object.class).toList();
            return upper.isEmpty() ? "?"
                    : "? extends " + upper.stream().map(PublicApiTest::name).collect(joining(" & "));
        }
        if (type instanceof TypeVariable<?> variable) {
            return variable.getName();
        }
        return type.getTypeName();
    }

    /** Every class a type mentions, type arguments and bounds included (a type variable's bounds are checked
     * where it is declared, which also stops recursion on {@code T extends Comparable<T>}). */
    private static void forEachClass(Type type, Consumer<Class<?>> action) {
        if (type instanceof Class<?> c) {
            action.accept(c.isArray() ? arrayElement(c) : c);
        } else if (type instanceof ParameterizedType p) {
            forEachClass(p.getRawType(), action);
            if (p.getOwnerType() != null) {
                forEachClass(p.getOwnerType(), action);
            }
            Arrays.stream(p.getActualTypeArguments()).forEach(argument -> forEachClass(argument, action));
        } else if (type instanceof GenericArrayType array) {
            forEachClass(array.getGenericComponentType(), action);
        } else if (type instanceof WildcardType wildcard) {
            Stream.concat(Arrays.stream(wildcard.getUpperBounds()), Arrays.stream(wildcard.getLowerBounds()))
                    .forEach(bound -> forEachClass(bound, action));
        }
    }

    private static Class<?> arrayElement(Class<?> array) {
        Class<?> element = array;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element;
    }

    // ---- the checked-in file

    /** The file in the source tree: Maven's surefire sets {@code basedir}; elsewhere the working directory. */
    private static Path sourceListing() {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(basedir, "src", "test", "resources").resolve(LISTING);
    }

    /** The source-tree copy when there is one (so an IDE run sees the edit), else the one on the classpath. */
    private static List<String> checkedInListing(Path source) throws IOException {
        String text;
        if (Files.isRegularFile(source)) {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = PublicApiTest.class.getClassLoader().getResourceAsStream(LISTING)) {
                if (in == null) {
                    throw new AssertionError(LISTING + " is missing; create it with\n  " + UPDATE_COMMAND);
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    // ---- a line diff

    private record Edit(char op, String line, int oldIndex, int newIndex) {
    }

    /** A unified-style diff (longest common subsequence), changed lines with a little context around them. */
    static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                edits.add(new Edit(' ', expected.get(i), i++, j++));
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit('-', expected.get(i), i++, j));
            } else {
                edits.add(new Edit('+', actual.get(j), i, j++));
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op() == ' ') {
                k++;
                continue;
            }
            // A hunk runs from this change to the last change less than two contexts after the previous one.
            int last = k;
            for (int next = k + 1; next < edits.size() && next <= last + 2 * CONTEXT; next++) {
                if (edits.get(next).op() != ' ') {
                    last = next;
                }
            }
            int from = Math.max(0, k - CONTEXT);
            int to = Math.min(edits.size(), last + CONTEXT + 1);
            List<Edit> hunk = edits.subList(from, to);
            long oldCount = hunk.stream().filter(e -> e.op() != '+').count();
            long newCount = hunk.stream().filter(e -> e.op() != '-').count();
            out.append("@@ -").append(hunk.get(0).oldIndex() + 1).append(',').append(oldCount)
                    .append(" +").append(hunk.get(0).newIndex() + 1).append(',').append(newCount).append(" @@\n");
            hunk.forEach(e -> out.append(e.op()).append(e.line()).append('\n'));
            k = to;
        }
        return out.toString();
    }
}
