package dev.tracekit.compat.core.export;

/**
 * The protobuf {@code KeyValue.key} field (tag, length and UTF-8 bytes) of attribute names, encoded
 * once and kept: an app's spans repeat the same few dozen names, which the writer would otherwise
 * measure and encode twice per attribute of every span. Bounded: {@value #SLOTS} slots, a name
 * taking the slot of its hash from the name there before; names over {@value #MAX_CACHED_LENGTH}
 * chars are encoded each time. Thread-safe without locks: an entry's fields are final, so an entry
 * read from a slot is whole; a lost race costs one more encoding.
 */
final class EncodedKeys {
  static final int SLOTS = 512;
  static final int MAX_CACHED_LENGTH = 128;

  private static final class Entry {
    final String name;
    final byte[] field;

    Entry(String name, byte[] field) {
      this.name = name;
      this.field = field;
    }
  }

  private final int tag;
  private final Entry[] slots = new Entry[SLOTS];

  /** Keeps the fields of tag {@code tag} (a length-delimited field number and wire type). */
  EncodedKeys(int tag) {
    this.tag = tag;
  }

  /** Returns the whole field for {@code name}; the caller must not change the array. */
  byte[] field(String name) {
    if (name.length() > MAX_CACHED_LENGTH) {
      return ProtoBytes.field(tag, name);
    }
    int slot = name.hashCode() & (SLOTS - 1);
    Entry entry = slots[slot];
    if (entry != null && (entry.name == name || entry.name.equals(name))) {
      return entry.field;
    }
    byte[] field = ProtoBytes.field(tag, name);
    slots[slot] = new Entry(name, field);
    return field;
  }
}
