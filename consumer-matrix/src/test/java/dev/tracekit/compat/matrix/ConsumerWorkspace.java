package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The copy of a consumer that is built and run, {@code <matrix.work>/<name>}: made afresh from its
 * sources (without a {@code target} left there by hand), with {@value #VERSION_TOKEN} replaced by
 * this reactor's version, and with an empty {@code .mvn} directory of its own, so that Maven takes
 * the copy as its project root rather than this repository, whose {@code .mvn} settings are not
 * the app's.
 */
final class ConsumerWorkspace {
  static final String VERSION_TOKEN = "@tracekit.version@";

  private ConsumerWorkspace() {}

  /** Copies {@code consumer} into {@code workRoot} and returns the copy's directory. */
  static Path prepare(Consumer consumer, Path workRoot, String version) throws IOException {
    Path copy = workRoot.resolve(consumer.name);
    delete(copy);
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(consumer.source)) {
      sources =
          walk.filter(p -> !consumer.source.relativize(p).startsWith("target"))
              .collect(Collectors.toList());
    }
    for (Path source : sources) {
      Path target = copy.resolve(consumer.source.relativize(source).toString());
      if (Files.isDirectory(source)) {
        Files.createDirectories(target);
      } else {
        String text = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
        if (text.contains(VERSION_TOKEN)) {
          byte[] replaced = text.replace(VERSION_TOKEN, version).getBytes(StandardCharsets.UTF_8);
          Files.write(target, replaced);
        } else {
          Files.copy(source, target);
        }
      }
    }
    Files.createDirectories(copy.resolve(".mvn"));
    return copy;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(path);
      }
    }
  }
}
