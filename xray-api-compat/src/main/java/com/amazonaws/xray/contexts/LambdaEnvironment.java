package com.amazonaws.xray.contexts;

import com.amazonaws.xray.entities.TraceHeader;
import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * What the Lambda context reads from its surroundings, as the X-Ray SDK does: whether this is Lambda
 * ({@code LAMBDA_TASK_ROOT}) and the invocation's trace header — first the per-thread value the
 * Lambda runtime keeps for concurrent invocations ({@code AWS_LAMBDA_X_TRACE_ID} in the AWS SDK's
 * {@code SdkInternalThreadLocal}, read reflectively when that class is present), then the {@code
 * _X_AMZN_TRACE_ID} environment variable, then the {@code com.amazonaws.xray.traceHeader} system
 * property. Tests build one over maps instead of the process's environment.
 */
final class LambdaEnvironment {
  static final String TASK_ROOT_KEY = "LAMBDA_TASK_ROOT";
  static final String TRACE_HEADER_KEY = "_X_AMZN_TRACE_ID";
  static final String CONCURRENT_TRACE_ID_KEY = "AWS_LAMBDA_X_TRACE_ID";
  static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
  // The X-Ray SDKs leave this file behind so that Lambda knows an X-Ray SDK is initialized.
  static final String SDK_INITIALIZED_FILE = "/tmp/.aws-xray/initialized";

  private static final Logger LOGGER = Logger.getLogger(LambdaEnvironment.class.getName());

  static final LambdaEnvironment SYSTEM =
      new LambdaEnvironment(
          System::getenv, System::getProperty, SdkThreadLocal::get, new File(SDK_INITIALIZED_FILE));

  /**
   * Returns the process's surroundings with {@code LAMBDA_TASK_ROOT} read once, now: the
   * environment of a JVM does not change, and the recorder asks whether this is Lambda on every
   * call.
   */
  static LambdaEnvironment system() {
    String taskRoot = System.getenv(TASK_ROOT_KEY);
    return new LambdaEnvironment(
        key -> TASK_ROOT_KEY.equals(key) ? taskRoot : System.getenv(key),
        System::getProperty,
        SdkThreadLocal::get,
        new File(SDK_INITIALIZED_FILE));
  }

  private final Function<String, String> environment;
  private final Function<String, String> properties;
  private final Function<String, String> threadLocal;
  @Nullable private final File initializedFile;
  private final AtomicBoolean initializedMarked = new AtomicBoolean();

  LambdaEnvironment(
      Function<String, String> environment,
      Function<String, String> properties,
      Function<String, String> threadLocal,
      @Nullable File initializedFile) {
    this.environment = environment;
    this.properties = properties;
    this.threadLocal = threadLocal;
    this.initializedFile = initializedFile;
  }

  /** True when {@code LAMBDA_TASK_ROOT} is set (and not blank). */
  boolean isLambda() {
    return !isBlank(environment.apply(TASK_ROOT_KEY));
  }

  /** The per-thread header of a concurrent invocation, or null. */
  @Nullable
  String concurrentTraceHeader() {
    String value = threadLocal.apply(CONCURRENT_TRACE_ID_KEY);
    return isBlank(value) ? null : value;
  }

  /** The process-wide header: the environment variable, else the system property (maybe null). */
  @Nullable
  String processTraceHeader() {
    String value = environment.apply(TRACE_HEADER_KEY);
    return isBlank(value) ? properties.apply(TRACE_HEADER_PROPERTY) : value;
  }

  /** The invocation's trace header; empty when none is set. */
  TraceHeader traceHeader() {
    String concurrent = concurrentTraceHeader();
    return TraceHeader.fromString(concurrent != null ? concurrent : processTraceHeader());
  }

  /** Creates the SDK-initialized marker file once; failures are logged at FINE and ignored. */
  void markSdkInitialized() {
    if (initializedFile == null || !initializedMarked.compareAndSet(false, true)) {
      return;
    }
    try {
      File directory = initializedFile.getParentFile();
      if (directory != null && !directory.isDirectory() && !directory.mkdirs()) {
        throw new IOException("cannot create " + directory);
      }
      if (!initializedFile.exists() && !initializedFile.createNewFile() && !initializedFile.exists()) {
        throw new IOException("cannot create " + initializedFile);
      }
    } catch (IOException | SecurityException e) {
      LOGGER.log(Level.FINE, "Could not create " + initializedFile + ": " + e);
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty();
  }

  /** Reads the AWS SDK's internal thread-local, when the AWS SDK is on the class path. */
  static final class SdkThreadLocal {
    private static final String CLASS_NAME = "software.amazon.awssdk.utilslite.SdkInternalThreadLocal";
    @Nullable private static final MethodHandle GET = find();

    private SdkThreadLocal() {}

    @Nullable
    private static MethodHandle find() {
      try {
        Class<?> type = Class.forName(CLASS_NAME, false, LambdaEnvironment.class.getClassLoader());
        return MethodHandles.publicLookup()
            .findStatic(type, "get", MethodType.methodType(String.class, String.class));
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return null;
      }
    }

    @Nullable
    static String get(String key) {
      if (GET == null) {
        return null;
      }
      try {
        return (String) GET.invokeExact(key);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError) {
          throw (VirtualMachineError) e;
        }
        return null;
      }
    }
  }
}
