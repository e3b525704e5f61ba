package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One consumer app: a directory under {@code src/it} with a {@code consumer.properties} that says
 * how to build and run it and what to expect. Unknown keys are refused, so a misspelt expectation
 * never goes unchecked.
 *
 * <p>Keys: {@code description}; {@code run.build} (the consumer's own goal, default {@code
 * package}); {@code run.main} or {@code run.jar}; {@code run.modulepath} with {@code run.module};
 * {@code run.jvmArgs}; {@code run.env.NAME}; {@code expect.spans}, {@code expect.children}
 * ({@code parent>child,...}); {@code expect.jackson}, {@code expect.okhttp}, {@code expect.kotlin};
 * {@code before.core} ({@code direct}, the default, {@code transitive}, or {@code none}).
 */
final class Consumer {
  static final String PROPERTIES_FILE = "consumer.properties";

  /** How the app had the real core before the swap. */
  enum CoreBefore {
    /** Declared by the app: the swap put {@code xray-api-compat} in its place. */
    DIRECT,
    /**
     * Only brought by an X-Ray module, at that module's (older) release: the swap added {@code
     * xray-api-compat}; compared with the current core in its place (see {@link BeforeSwapPom}).
     */
    TRANSITIVE,
    /** No swap: the app is not migrated (it still runs the real core), nothing to compare. */
    NONE
  }

  /** One {@code expect.children} pair. */
  static final class ParentChild {
    final String parent;
    final String child;

    ParentChild(String parent, String child) {
      this.parent = parent;
      this.child = child;
    }

    @Override
    public String toString() {
      return parent + ">" + child;
    }
  }

  private static final Set<String> KEYS =
      new TreeSet<>(
          Arrays.asList(
              "description",
              "run.build",
              "run.main",
              "run.jar",
              "run.modulepath",
              "run.module",
              "run.jvmArgs",
              "expect.spans",
              "expect.children",
              "expect.jackson",
              "expect.okhttp",
              "expect.kotlin",
              "before.core"));
  private static final String ENV_PREFIX = "run.env.";

  final String name;
  final Path source;
  private final Properties properties;

  private Consumer(String name, Path source, Properties properties) {
    this.name = name;
    this.source = source;
    this.properties = properties;
  }

  /**
   * Every directory of {@code root} that has a consumer.properties, by name; only those named in
   * {@code only}, unless it is empty.
   */
  static List<Consumer> discover(Path root, Set<String> only) throws IOException {
    List<Consumer> consumers = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path dir : children.sorted().collect(Collectors.toList())) {
        boolean chosen = only.isEmpty() || only.contains(dir.getFileName().toString());
        if (chosen && Files.isRegularFile(dir.resolve(PROPERTIES_FILE))) {
          consumers.add(load(dir));
        }
      }
    }
    Set<String> unknown = new TreeSet<>(only);
    consumers.forEach(c -> unknown.remove(c.name));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "matrix.only names no consumer under " + root + ": " + unknown);
    }
    return consumers;
  }

  /** Reads the consumer in {@code dir}; {@link #validate()} checks what it says. */
  static Consumer load(Path dir) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(PROPERTIES_FILE))) {
      properties.load(in);
    }
    return new Consumer(dir.getFileName().toString(), dir, properties);
  }

  String description() {
    return text("description").orElse(name);
  }

  String buildGoal() {
    return text("run.build").orElse("package");
  }

  Optional<String> main() {
    return text("run.main");
  }

  Optional<String> jar() {
    return text("run.jar");
  }

  boolean modulePath() {
    return Boolean.parseBoolean(text("run.modulepath").orElse("false"));
  }

  Optional<String> module() {
    return text("run.module");
  }

  /** True when the app is started after its build. */
  boolean runs() {
    return main().isPresent() || jar().isPresent();
  }

  List<String> jvmArgs() {
    return text("run.jvmArgs")
        .map(args -> Arrays.asList(args.split("\\s+")))
        .orElse(Collections.emptyList());
  }

  /** The {@code run.env.NAME=value} entries, by name. */
  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith(ENV_PREFIX)) {
        environment.put(key.substring(ENV_PREFIX.length()), properties.getProperty(key).trim());
      }
    }
    return environment;
  }

  List<String> expectedSpans() {
    return list("expect.spans");
  }

  List<ParentChild> expectedChildren() {
    List<ParentChild> pairs = new ArrayList<>();
    for (String pair : list("expect.children")) {
      String[] names = pair.split(">", -1);
      pairs.add(new ParentChild(names[0].trim(), names[1].trim()));
    }
    return pairs;
  }

  Optional<String> expectedJackson() {
    return text("expect.jackson");
  }

  Optional<String> expectedOkhttp() {
    return text("expect.okhttp");
  }

  Optional<String> expectedKotlin() {
    return text("expect.kotlin");
  }

  CoreBefore coreBefore() {
    return CoreBefore.valueOf(text("before.core").orElse("direct").toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Fails with what is wrong in the consumer.properties: an unknown key, or values that do not go
   * together.
   */
  void validate() {
    for (String key : properties.stringPropertyNames()) {
      if (!KEYS.contains(key) && !key.startsWith(ENV_PREFIX)) {
        throw invalid("unknown key " + key + " (known: " + KEYS + ", run.env.*)");
      }
    }
    if (main().isPresent() && jar().isPresent()) {
      throw invalid("run.main and run.jar exclude each other");
    }
    if (modulePath() && !(main().isPresent() && module().isPresent())) {
      throw invalid("run.modulepath=true needs run.module and run.main");
    }
    for (String pair : list("expect.children")) {
      if (pair.split(">", -1).length != 2) {
        throw invalid("expect.children entry '" + pair + "' is not parent>child");
      }
    }
    String core = text("before.core").orElse("direct");
    if (!Arrays.asList("direct", "transitive", "none").contains(core)) {
      throw invalid("before.core is '" + core + "', not direct, transitive or none");
    }
  }

  private IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(source.resolve(PROPERTIES_FILE) + ": " + problem);
  }

  private Optional<String> text(String key) {
    String value = properties.getProperty(key);
    return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
  }

  private List<String> list(String key) {
    return text(key)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(entry -> !entry.isEmpty())
                    .collect(Collectors.toList()))
        .orElse(Collections.emptyList());
  }
}
