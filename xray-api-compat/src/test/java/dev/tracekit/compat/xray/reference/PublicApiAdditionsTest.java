package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The other half of the binary-compatibility gate (the japicmp execution {@code xray-api-gate} in
 * this module's pom): japicmp fails the build when a public or protected member of the real
 * aws-xray-recorder-sdk-core 2.21.0 is missing or changed, and lists what the shim adds in its
 * report, but it cannot fail on an addition. This test does: every public type of ours in {@code
 * com.amazonaws.xray…} (both tiers) must exist, public, in the real SDK, and offer no public or
 * protected member, declared or inherited, and no public supertype, that the real type does not
 * offer, unless it is listed in {@link #DOCUMENTED_ADDITIONS} with its reason. An addition lets an
 * app compile against the shim and then break when it swaps back to the real SDK, and is API we
 * would have to keep.
 *
 * <p>Members are compared by their JVM-visible shape: a method by static-ness, name, parameter and
 * return types (so an override of something the real type inherits, such as {@code toString}, is no
 * addition), a field by name and type, a constructor by its parameters. Synthetic members (javac's
 * bridges) are left out on both sides. An addition is named by where it is declared, {@code
 * "DeclaringType member"}, a missing type by its name, a supertype as {@code "supertype Name"}.
 */
class PublicApiAdditionsTest {
  /**
   * What the shim adds to the real SDK's API, deliberately, with the reason. Keep in step with the
   * README ("Binary compatibility").
   */
  private static final Map<String, String> DOCUMENTED_ADDITIONS = documentedAdditions();

  private static Map<String, String> documentedAdditions() {
    Map<String, String> m = new LinkedHashMap<>();
    String entityBase =
        "the shim's entities (EntityImpl and its subclasses, FacadeSegment, NoOpSegment) extend"
            + " TraceKitEntity, which holds what the TraceKit span needs; its members are protected"
            + " final, since com.amazonaws.xray.entities must call them from another package: only a"
            + " subclass of an entity can call them, none can override them";
    m.put("supertype dev.tracekit.compat.xray.TraceKitEntity", entityBase);
    for (String member : new String[] {
        "protected dev.tracekit.compat.xray.EntityData data()",
        "protected dev.tracekit.compat.xray.EntityData dataForGetter()",
        "protected java.lang.String traceKitId()",
        "protected long spanEndNanos()",
        "protected long spanStartNanos()",
        "protected long traceKitSpanId()",
        "protected void setSpanEndNanos(long)",
        "protected void setSpanStartNanos(long)",
        "protected void setTraceKitId(java.lang.String)"}) {
      m.put("dev.tracekit.compat.xray.TraceKitEntity " + member, entityBase);
    }
    return Collections.unmodifiableMap(m);
  }

  @Test
  void theShimAddsNoPublicApiToTheRealSdksTypes() throws Exception {
    // addition -> the X-Ray types of ours that offer it
    Map<String, Set<String>> additions = new TreeMap<>();
    try (URLClassLoader real = realSdkLoader()) {
      for (String name : shimTypes()) {
        Class<?> ours = Class.forName(name, false, PublicApiAdditionsTest.class.getClassLoader());
        if (!isApi(ours)) {
          continue;
        }
        Class<?> theirs = load(real, name);
        if (theirs == null || !isApi(theirs)) {
          additions.computeIfAbsent(name, k -> new TreeSet<>()).add(name);
          continue;
        }
        Map<String, String> realMembers = members(theirs);
        members(ours).forEach((member, declaredBy) -> {
          if (!realMembers.containsKey(member)) {
            additions.computeIfAbsent(declaredBy + " " + member, k -> new TreeSet<>()).add(name);
          }
        });
        Set<String> realSupertypes = publicSupertypes(theirs);
        for (String supertype : publicSupertypes(ours)) {
          if (!realSupertypes.contains(supertype)) {
            additions.computeIfAbsent("supertype " + supertype, k -> new TreeSet<>()).add(name);
          }
        }
      }
    }
    List<String> undocumented = additions.entrySet().stream()
        .filter(e -> !DOCUMENTED_ADDITIONS.containsKey(e.getKey()))
        .map(e -> e.getKey() + "   (on " + String.join(", ", e.getValue()) + ")")
        .collect(Collectors.toList());
    assertThat(undocumented)
        .as("public or protected API that the real aws-xray-recorder-sdk-core 2.21.0 does not have:"
            + " make it non-public (a helper in dev.tracekit.compat.xray can reach it for our other"
            + " packages, see TraceKitIds), or list it in DOCUMENTED_ADDITIONS with the reason")
        .isEmpty();
    assertThat(additions.keySet())
        .as("documented additions that are no longer additions: remove them from the list")
        .containsAll(DOCUMENTED_ADDITIONS.keySet());
  }

  /**
   * What the real SDK marks {@code @Deprecated} is deprecated in the shim too, and nothing else: an
   * app compiled against the shim gets the same deprecation warnings as against the real core.
   * Types, and every public or protected member they offer, are compared by the same shape as
   * above.
   */
  @Test
  void theShimDeprecatesWhatTheRealSdkDeprecates() throws Exception {
    List<String> differences = new ArrayList<>();
    try (URLClassLoader real = realSdkLoader()) {
      for (String name : shimTypes()) {
        Class<?> ours = Class.forName(name, false, PublicApiAdditionsTest.class.getClassLoader());
        Class<?> theirs = load(real, name);
        if (!isApi(ours) || theirs == null || !isApi(theirs)) {
          continue;
        }
        boolean realType = theirs.isAnnotationPresent(Deprecated.class);
        if (realType != ours.isAnnotationPresent(Deprecated.class)) {
          String where = realType ? "real SDK" : "shim";
          differences.add(name + ": deprecated in the " + where + " only");
        }
        Set<String> realDeprecated = deprecatedMembers(theirs);
        Set<String> ourDeprecated = deprecatedMembers(ours);
        Set<String> realMembers = members(theirs).keySet();
        for (String member : realDeprecated) {
          if (!ourDeprecated.contains(member)) {
            differences.add(name + " " + member + ": deprecated in the real SDK only");
          }
        }
        for (String member : ourDeprecated) {
          if (!realDeprecated.contains(member) && realMembers.contains(member)) {
            differences.add(name + " " + member + ": deprecated in the shim only");
          }
        }
      }
    }
    assertThat(differences).isEmpty();
  }

  /** The shapes of the members {@link #members} lists that carry {@code @Deprecated}. */
  private static Set<String> deprecatedMembers(Class<?> type) {
    Map<String, String> all = new TreeMap<>();
    Set<String> out = new TreeSet<>();
    List<Member> reachable = new ArrayList<>();
    reachable.addAll(Arrays.asList(type.getMethods()));
    reachable.addAll(Arrays.asList(type.getFields()));
    reachable.addAll(Arrays.asList(type.getDeclaredConstructors()));
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      reachable.addAll(Arrays.asList(c.getDeclaredMethods()));
      reachable.addAll(Arrays.asList(c.getDeclaredFields()));
    }
    for (Member member : reachable) {
      int mod = member.getModifiers();
      if (!(Modifier.isPublic(mod) || Modifier.isProtected(mod))
          || !((java.lang.reflect.AnnotatedElement) member).isAnnotationPresent(Deprecated.class)) {
        continue;
      }
      all.clear();
      add(all, member);
      out.addAll(all.keySet());
    }
    return out;
  }

  /** Public, and every enclosing type public too: a type an app can name. */
  private static boolean isApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass();
  }

  /**
   * The public and protected members a caller or a subclass of {@code type} can reach: every public
   * method and field (declared or inherited), and the protected ones declared in the type and its
   * superclasses; its public and protected constructors.
   */
  private static Map<String, String> members(Class<?> type) {
    Map<String, String> out = new TreeMap<>();
    for (Method m : type.getMethods()) {
      add(out, m);
    }
    for (Field f : type.getFields()) {
      add(out, f);
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isProtected(m.getModifiers())) {
          add(out, m);
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isProtected(f.getModifiers())) {
          add(out, f);
        }
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
        add(out, c);
      }
    }
    return out;
  }

  private static void add(Map<String, String> out, Member member) {
    if (member.isSynthetic() || (member instanceof Method && ((Method) member).isBridge())) {
      return;
    }
    int mod = member.getModifiers();
    StringBuilder s = new StringBuilder(Modifier.isProtected(mod) ? "protected " : "public ");
    if (Modifier.isStatic(mod)) {
      s.append("static ");
    }
    if (member instanceof Field) {
      s.append(((Field) member).getType().getTypeName()).append(' ').append(member.getName());
    } else {
      Executable e = (Executable) member;
      if (e instanceof Method) {
        s.append(((Method) e).getReturnType().getTypeName()).append(' ').append(e.getName());
      } else {
        s.append("<init>");
      }
      s.append(Arrays.stream(e.getParameterTypes()).map(Class::getTypeName)
          .collect(Collectors.joining(", ", "(", ")")));
    }
    // Declared in more than one place (a class and an interface): the first name, for a stable key.
    out.merge(
        s.toString(), member.getDeclaringClass().getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  /** The public classes and interfaces {@code type} extends or implements, at any depth. */
  private static Set<String> publicSupertypes(Class<?> type) {
    Set<String> out = new TreeSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Class<?> t = todo.poll();
      if (t.getSuperclass() != null) {
        todo.add(t.getSuperclass());
      }
      todo.addAll(Arrays.asList(t.getInterfaces()));
      if (t != type && isApi(t)) {
        out.add(t.getName());
      }
    }
    return out;
  }

  /** Our {@code com.amazonaws.xray…} classes, from the module's compiled main classes. */
  private static List<String> shimTypes() throws IOException {
    Path classes = Paths.get(System.getProperty("xray.shim.classes", "target/classes"));
    Path root = classes.resolve("com/amazonaws/xray");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(f -> classes.relativize(f).toString().replace('\\', '/'))
          .filter(f -> f.endsWith(".class") && !f.endsWith("-info.class"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The real SDK and its runtime dependencies (see {@link XRayReference#REAL}), with the servlet
   * APIs it compiles against (provided, as ours), so that its filters' signatures resolve.
   */
  private static URLClassLoader realSdkLoader() throws URISyntaxException {
    List<Path> jars = new ArrayList<>(XRayPrograms.referenceJars());
    jars.add(locationOf(javax.servlet.Filter.class));
    jars.add(locationOf(jakarta.servlet.Filter.class));
    return XRaySdkClassLoaders.fromJars(jars).isolated(null);
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
