package dev.tracekit.compat.core;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks compiled classes against another version of a library they use, as the JVM would link
 * them: every class, field and method of the library's packages that the class files name (in
 * their constant pool, their descriptors and signatures, and their annotations) must exist in the
 * given jars with the same name and type. A reference that would throw {@code NoClassDefFoundError},
 * {@code NoSuchFieldError} or {@code NoSuchMethodError} on that version is reported.
 *
 * <p>A source compile against the old version is not enough: javac may pick an overload the old
 * version lacks, and code that never runs in a test still fails in an app that reaches it.
 */
public final class BinaryLinkage {
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

  private final List<String> packages;
  private final ClassLoader library;

  private BinaryLinkage(List<String> packages, ClassLoader library) {
    this.packages = packages;
    this.library = library;
  }

  /**
   * Returns a check of the references into {@code packages} (binary names with dots, such as
   * {@code com.fasterxml.jackson}) against the classes of {@code jars} (plus the JDK).
   */
  public static BinaryLinkage against(List<Path> jars, String... packages) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jar.toString(), e);
      }
    }
    ClassLoader jdk = ClassLoader.getSystemClassLoader().getParent();
    List<String> prefixes = new ArrayList<>();
    for (String p : packages) {
      prefixes.add(p.replace('.', '/') + "/");
    }
    return new BinaryLinkage(prefixes, new URLClassLoader(urls.toArray(new URL[0]), jdk));
  }

  /**
   * Returns, for each version directory {@code <linkage.dir>/<name>} (copied there by the build,
   * such as {@code jackson-floor} and {@code jackson-newest}), the references from the class files
   * under {@code classes} into {@code packages} that its jars cannot resolve, as lines prefixed with
   * the directory's name; empty when the classes link against every one of them.
   */
  public static List<String> unresolvedAgainstEach(Path classes, List<String> versions, String... packages)
      throws IOException {
    String dir = System.getProperty("linkage.dir");
    if (dir == null) {
      throw new IllegalStateException("System property linkage.dir is not set (the parent pom's surefire setting)");
    }
    List<String> problems = new ArrayList<>();
    for (String version : versions) {
      for (String problem : against(jarsIn(Paths.get(dir, version)), packages).unresolved(classes)) {
        problems.add(version + ": " + problem);
      }
    }
    return problems;
  }

  /** Returns the jars in {@code directory}, sorted by name; fails if there are none. */
  public static List<Path> jarsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> jars =
          files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      if (jars.isEmpty()) {
        throw new IllegalStateException("No jars in " + directory + " (run the build's generate-test-resources)");
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns one line per reference from the class files under {@code classes} (a directory) that
   * the library cannot resolve, such as {@code com/example/Foo -> method
   * com/fasterxml/jackson/databind/json/JsonMapper.builder()...: no such class}; empty when all
   * link. Also fails when no class file names the library at all (a wrong path would pass).
   */
  public List<String> unresolved(Path classes) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
    }
    Set<String> problems = new TreeSet<>();
    int references = 0;
    for (Path file : files) {
      ClassRefs refs;
      try (InputStream in = Files.newInputStream(file)) {
        refs = ClassRefs.read(in);
      }
      for (String type : refs.types) {
        if (inLibrary(type)) {
          references++;
          if (load(type) == null) {
            problems.add(refs.name + " -> class " + type + ": no such class");
          }
        }
      }
      for (String[] member : refs.members) {
        if (inLibrary(member[0])) {
          references++;
          String problem = resolve(member);
          if (problem != null) {
            problems.add(refs.name + " -> " + member[0] + "." + member[1] + member[2] + ": " + problem);
          }
        }
      }
    }
    if (references == 0) {
      throw new IllegalStateException("No class under " + classes + " refers to " + packages);
    }
    return new ArrayList<>(problems);
  }

  private boolean inLibrary(String internalName) {
    for (String p : packages) {
      if (internalName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private Class<?> load(String internalName) {
    try {
      return Class.forName(internalName.replace('/', '.'), false, library);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Returns why {owner, name, descriptor} does not resolve, or null when it does. */
  private String resolve(String[] member) {
    Class<?> owner = load(member[0]);
    if (owner == null) {
      return "no such class";
    }
    String name = member[1];
    String descriptor = member[2];
    boolean field = !descriptor.startsWith("(");
    Deque<Class<?>> todo = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    todo.add(owner);
    try {
      while (!todo.isEmpty()) {
        Class<?> c = todo.poll();
        if (!seen.add(c)) {
          continue;
        }
        if (field) {
          for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals(name) && descriptor(f.getType()).equals(descriptor)) {
              return null;
            }
          }
        } else if (name.equals("<init>")) {
          for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (descriptor(k.getParameterTypes(), void.class).equals(descriptor)) {
              return null;
            }
          }
          return "no such constructor";
        } else {
          for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)
                && descriptor(m.getParameterTypes(), m.getReturnType()).equals(descriptor)) {
              return null;
            }
          }
        }
        if (c.getSuperclass() != null) {
          todo.add(c.getSuperclass());
        }
        Collections.addAll(todo, c.getInterfaces());
      }
    } catch (LinkageError e) {
      return "cannot load what it names: " + e;
    }
    return field ? "no such field" : "no such method";
  }

  private static String descriptor(Class<?>[] parameters, Class<?> result) {
    StringBuilder s = new StringBuilder("(");
    for (Class<?> p : parameters) {
      s.append(descriptor(p));
    }
    return s.append(')').append(descriptor(result)).toString();
  }

  private static String descriptor(Class<?> type) {
    if (type.isArray()) {
      return type.getName().replace('.', '/');
    }
    if (!type.isPrimitive()) {
      return "L" + type.getName().replace('.', '/') + ";";
    }
    if (type == void.class) {
      return "V";
    }
    if (type == boolean.class) {
      return "Z";
    }
    if (type == long.class) {
      return "J";
    }
    return String.valueOf(Character.toUpperCase(type.getName().charAt(0)));
  }

  /** What one class file names: classes, and fields and methods with their owners. */
  private static final class ClassRefs {
    final String name;
    final Set<String> types;
    final List<String[]> members;

    private ClassRefs(String name, Set<String> types, List<String[]> members) {
      this.name = name;
      this.types = types;
      this.members = members;
    }

    /** Reads the constant pool (JVM spec §4.4); UTF-8 entries give the types in descriptors. */
    static ClassRefs read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("Not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classIndex = new int[count];
      int[][] refs = new int[count][];
      int[] nameAndType = new int[count * 2];
      List<Integer> classes = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1:
            utf8[i] = in.readUTF();
            break;
          case 7:
            classIndex[i] = in.readUnsignedShort();
            classes.add(i);
            break;
          case 9:
          case 10:
          case 11:
            refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
            break;
          case 12:
            nameAndType[2 * i] = in.readUnsignedShort();
            nameAndType[2 * i + 1] = in.readUnsignedShort();
            break;
          case 3:
          case 4:
          case 17:
          case 18:
            in.readInt();
            break;
          case 5:
          case 6:
            in.readLong();
            i++;
            break;
          case 8:
          case 16:
          case 19:
          case 20:
            in.readUnsignedShort();
            break;
          case 15:
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          default:
            throw new IOException("Unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort();
      String self = utf8[classIndex[in.readUnsignedShort()]];
      Set<String> types = new TreeSet<>();
      for (int i : classes) {
        String type = utf8[classIndex[i]];
        int array = type.lastIndexOf('[');
        if (array < 0) {
          types.add(type);
        } else if (type.charAt(array + 1) == 'L') {
          types.add(type.substring(array + 2, type.length() - 1));
        }
      }
      for (String text : utf8) {
        if (text != null) {
          Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
          while (m.find()) {
            types.add(m.group(1));
          }
        }
      }
      List<String[]> members = new ArrayList<>();
      for (int[] ref : refs) {
        if (ref != null) {
          String owner = utf8[classIndex[ref[0]]];
          if (owner.startsWith("[")) {
            continue;
          }
          members.add(
              new String[] {
                owner, utf8[nameAndType[2 * ref[1]]], utf8[nameAndType[2 * ref[1] + 1]]
              });
        }
      }
      return new ClassRefs(self, types, members);
    }
  }
}
