package com.amazonaws.xray.entities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.Nullable;

/**
 * Why an entity failed: the exceptions recorded on it (each an {@code exception} event on the span),
 * or an id referring to an exception recorded elsewhere, plus the working directory, which is set
 * (to {@code user.dir}) once exceptions are added, as in the X-Ray SDK.
 */
public class Cause {
  @Nullable private String workingDirectory;
  @Nullable private String id;
  @Nullable private String message;
  @Nullable private Collection<String> paths = new ArrayList<>();
  private final List<ThrowableDescription> exceptions = new CopyOnWriteArrayList<>();

  /** An empty cause. */
  public Cause() {}

  @Nullable
  public String getWorkingDirectory() {
    return workingDirectory;
  }

  public void setWorkingDirectory(@Nullable String workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Nullable
  public String getId() {
    return id;
  }

  public void setId(@Nullable String id) {
    this.id = id;
  }

  @Nullable
  public String getMessage() {
    return message;
  }

  public void setMessage(@Nullable String message) {
    this.message = message;
  }

  @Nullable
  public Collection<String> getPaths() {
    return paths;
  }

  public void setPaths(@Nullable Collection<String> paths) {
    this.paths = paths;
  }

  /** Returns the live list of recorded exceptions. */
  public List<ThrowableDescription> getExceptions() {
    return exceptions;
  }

  /** Adds one exception and sets the working directory. */
  public void addException(ThrowableDescription descriptor) {
    workingDirectory = System.getProperty("user.dir");
    if (descriptor != null) {
      exceptions.add(descriptor);
    }
  }

  /** Adds exceptions and sets the working directory. */
  public void addExceptions(List<ThrowableDescription> descriptors) {
    workingDirectory = System.getProperty("user.dir");
    if (descriptors != null) {
      for (ThrowableDescription descriptor : descriptors) {
        if (descriptor != null) {
          exceptions.add(descriptor);
        }
      }
    }
  }
}
