#!/usr/bin/env bash
# Runs every contender of the benchmarks in one invocation and prints one table (also written to
# benchmarks/target/results/table.md):
#   - JMH scenarios (a), (b), (d) through the X-Ray API on the real SDK's class path and on the
#     shim's (the same compiled class: a binary drop-in check), (c) through the TraceKit API, and
#     (a), (b), (d) through the OpenTelemetry SDK; ns/op and B/op (-prof gc) for each;
#   - the end-to-end throughput run of each contender, and the shim's queue heap probe;
#   - the shim's Lambda-style flush (issue 15): invoke, flush, freeze 2 s, against a receiver that
#     closes idle connections after 1 s and one that keeps them open (LambdaFlushBenchmark);
#   - the daemon bridge under load (issue 17): 20,000 datagrams/s of one segment + 3 subsegments for
#     30 s to its runnable jar (-Xmx64m), next to the shim's in-process export cost at the same rate
#     (BridgeLoad).
#
# Build first, from the repository root:
#   mvn -q -DskipTests -pl benchmarks -am package
# then:
#   benchmarks/run.sh            # full: JMH -f 1 -wi 3 -w 2s -i 5 -r 2s; end-to-end 1,000,000 spans
#   benchmarks/run.sh --quick    # quick (< 5 min on 2 cores): -f 1 -wi 1 -w 1s -i 3 -r 1s; 200,000 spans
#   benchmarks/run.sh --lambda-flush   # only the Lambda-style flush, 5 cycles (about 15 s)
#   benchmarks/run.sh --bridge         # only the daemon bridge's load run (about 1.5 min)
#   benchmarks/run.sh --paced          # only the paced runs (issue 18; about 14 min)
#
# Every measured JVM runs with -Xms1g -Xmx1g. All traffic stays on loopback: a sink process (OTLP/HTTP
# on a TCP port, X-Ray daemon on a UDP port) receives the JMH forks' traces; each end-to-end JVM runs
# its own sink in-process.
set -euo pipefail
cd "$(dirname "$0")"

MODE=full
for arg in "$@"; do
  case "$arg" in
    --quick) MODE=quick ;;
    --lambda-flush) MODE=lambda-flush ;;
    --bridge) MODE=bridge ;;
    --paced) MODE=paced ;;
    *) echo "usage: benchmarks/run.sh [--quick | --lambda-flush | --bridge | --paced]" >&2; exit 2 ;;
  esac
done

TARGET=target
CPDIR=$TARGET/classpath
if [[ ! -f $CPDIR/jmh.classpath || ! -d $TARGET/classes/META-INF ]]; then
  echo "Build first, from the repository root: mvn -q -DskipTests -pl benchmarks -am package" >&2
  exit 1
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BENCH=$TARGET/classes
JMH_CP=$(cat "$CPDIR/jmh.classpath")
XRAY_CP=$(cat "$CPDIR/xray.classpath")
SHIM_CP=$(cat "$CPDIR/shim.classpath")
OTEL_CP="$(cat "$CPDIR/otel.classpath"):$CPDIR/otel-okhttp5/*"
HEAP="-Xms1g -Xmx1g"
RESULTS=$TARGET/results

# Issue 15: per-flush time of a Lambda-style cycle, stale pooled connection vs open one.
run_lambda_flush() {
  local cycles=$1
  echo "== Lambda-style flush: $cycles cycles (invoke, flush, freeze 2 s)"
  "$JAVA" $HEAP -cp "$BENCH:$SHIM_CP" dev.tracekit.compat.bench.LambdaFlushBenchmark "$cycles" \
    "$RESULTS/lambda-flush.properties" > "$RESULTS/lambda-flush.log" 2>&1 \
    || { tail -40 "$RESULTS/lambda-flush.log" >&2; exit 1; }
  cat "$RESULTS/lambda-flush.log"
}

# Issue 17: the daemon bridge at a fixed rate, and the shim exporting the same requests in process.
BRIDGE_RATE=20000
run_bridge_load() {
  local seconds=$1
  echo "== daemon bridge: $BRIDGE_RATE datagrams/s (1 segment + 3 subsegments each) for $seconds s, -Xmx64m"
  "$JAVA" -Xms512m -Xmx512m -cp "$BENCH:$XRAY_CP" dev.tracekit.compat.bench.BridgeLoad bridge \
    "$CPDIR/xray-daemon-bridge.jar" "$BRIDGE_RATE" "$seconds" "$RESULTS/bridge-load.properties" \
    > "$RESULTS/bridge-load.out" 2>&1 || { tail -40 "$RESULTS/bridge-load.out" >&2; exit 1; }
  tail -1 "$RESULTS/bridge-load.out"
  echo "== shim in process: the same requests at $BRIDGE_RATE/s for $seconds s"
  "$JAVA" $HEAP -cp "$BENCH:$SHIM_CP" dev.tracekit.compat.bench.BridgeLoad shim-exporter \
    "$BRIDGE_RATE" "$seconds" "$RESULTS/bridge-shim.properties" \
    > "$RESULTS/bridge-shim.out" 2>&1 || { tail -40 "$RESULTS/bridge-shim.out" >&2; exit 1; }
  tail -1 "$RESULTS/bridge-shim.out"
}

# Issue 18: each contender loaded at a fixed rate (2 app threads, scenario (b)), and the same pacing
# with no tracer, whose CPU the table subtracts. Full mode adds the shim's other wire formats at 50k
# spans/s (what JSON and gzip cost and save per span) and, at 200k, the shim watched for drops
# (DropWatch: what each episode of drops coincided with; its CPU is not reported).
run_paced() {
  local seconds=$1 extra_50k=$2 extra_200k=$3
  for rate in 50000 200000; do
    local extra=$extra_50k
    [[ $rate == 200000 ]] && extra=$extra_200k
    for contender in none xray otel shim $extra; do
      local classpath
      case $contender in
        xray) classpath=$XRAY_CP ;;
        otel) classpath=$OTEL_CP ;;
        *) classpath=$SHIM_CP ;;
      esac
      echo "== paced: $contender at $rate spans/s for $seconds s"
      "$JAVA" $HEAP ${PACED_JVM_ARGS:-} -cp "$BENCH:$classpath" dev.tracekit.compat.bench.PacedRun "$contender" "$rate" "$seconds" \
        "$RESULTS/paced-$contender-$rate.properties" > "$RESULTS/paced-$contender-$rate.log" 2>&1 \
        || { tail -40 "$RESULTS/paced-$contender-$rate.log" >&2; exit 1; }
    done
  done
}

if [[ $MODE == paced ]]; then
  mkdir -p "$RESULTS"
  run_paced 30 "shim-json shim-gzip shim-json-gzip" shim-watched
  "$JAVA" -cp "$BENCH:$XRAY_CP" dev.tracekit.compat.bench.ResultTable "$RESULTS"
  exit 0
fi

if [[ $MODE == bridge ]]; then
  mkdir -p "$RESULTS"
  run_bridge_load 30
  exit 0
fi

if [[ $MODE == lambda-flush ]]; then
  mkdir -p "$RESULTS"
  run_lambda_flush 5
  exit 0
fi

if [[ $MODE == quick ]]; then
  JMH_ARGS=(-f 1 -wi 1 -w 1s -i 3 -r 1s)
  SPANS=200000
  LAMBDA_CYCLES=5
else
  JMH_ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  SPANS=1000000
  LAMBDA_CYCLES=10
fi
THREADS=2
OTEL_BIG_QUEUE=1000000
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

cat > "$RESULTS/run.properties" <<EOF
date=$(date -u +%Y-%m-%dT%H:%MZ)
mode=$MODE
jmh=${JMH_ARGS[*]} -prof gc, one fork per benchmark, forks with $HEAP
e2e=$SPANS spans (4-span requests) from $THREADS app threads after a 10% warm-up, each contender's default pipeline settings, sink in-process on loopback
heap=$HEAP
threads=$THREADS
otelBigQueue=$OTEL_BIG_QUEUE
EOF

# The sink for the JMH forks: its own process, so that JMH's allocation profiler (which counts every
# thread of the measured JVM) does not count it. It serves until its standard input closes.
SINK_IN=$RESULTS/sink.stdin
mkfifo "$SINK_IN"
"$JAVA" -Xmx256m -cp "$BENCH" dev.tracekit.compat.bench.sink.LoopbackSink "$RESULTS/sink.ports" \
  < "$SINK_IN" > "$RESULTS/sink.log" 2>&1 &
SINK_PID=$!
exec 4> "$SINK_IN"
stop_sink() {
  exec 4>&- || true
  wait "$SINK_PID" 2>/dev/null || true
}
trap 'exec 4>&- 2>/dev/null || true; kill "$SINK_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [[ -s $RESULTS/sink.ports ]] && break
  sleep 0.1
done
read -r HTTP_KV UDP_KV < "$RESULTS/sink.ports"
HTTP_PORT=${HTTP_KV#http=}
UDP_PORT=${UDP_KV#udp=}
ENDPOINT="http://127.0.0.1:$HTTP_PORT/v1/traces"
SINK_PROPS="-Dcom.amazonaws.xray.emitters.daemonAddress=127.0.0.1:$UDP_PORT -Dtracekit.endpoint=$ENDPOINT -Dbench.otlp.endpoint=$ENDPOINT"

run_jmh() {
  local name=$1 classpath=$2 regex=$3
  echo "== JMH: $name ($regex)"
  "$JAVA" -cp "$BENCH:$JMH_CP:$classpath" org.openjdk.jmh.Main "$regex" "${JMH_ARGS[@]}" -prof gc \
    -jvmArgsAppend "$HEAP $SINK_PROPS" -rf json -rff "$RESULTS/jmh-$name.json" \
    > "$RESULTS/jmh-$name.log" 2>&1 || { tail -40 "$RESULTS/jmh-$name.log" >&2; exit 1; }
  grep -E "^(Benchmark +Mode|[A-Za-z]+Benchmark\.[a-z_]+ +avgt|[A-Za-z]+Benchmark\.[a-z_]+:gc\.alloc\.rate\.norm)|shim pipeline after" \
    "$RESULTS/jmh-$name.log" || true
}

run_e2e() {
  local name=$1 classpath=$2
  shift 2
  echo "== end-to-end: $name"
  "$JAVA" $HEAP ${E2E_JVM_ARGS:-} -cp "$BENCH:$classpath" dev.tracekit.compat.bench.EndToEnd "$@" \
    > "$RESULTS/e2e-$name.log" 2>&1 || { tail -40 "$RESULTS/e2e-$name.log" >&2; exit 1; }
  tail -1 "$RESULTS/e2e-$name.log"
}

run_jmh xray "$XRAY_CP" 'XRayApiBenchmark'
run_jmh shim "$SHIM_CP" '(XRayApiBenchmark|TraceKitApiBenchmark|ExporterBenchmark)'
run_jmh otel "$OTEL_CP" 'OtelBenchmark'
stop_sink
echo "== JMH $(tail -1 "$RESULTS/sink.log")"

run_e2e xray "$XRAY_CP" xray "$SPANS" "$THREADS" "$RESULTS/e2e-xray.properties"
run_e2e otel "$OTEL_CP" otel "$SPANS" "$THREADS" "$RESULTS/e2e-otel.properties"
if [[ $MODE == full ]]; then
  run_e2e otel-bigqueue "$OTEL_CP" otel "$SPANS" "$THREADS" "$RESULTS/e2e-otel-bigqueue.properties" "$OTEL_BIG_QUEUE"
fi
run_e2e shim "$SHIM_CP" shim "$SPANS" "$THREADS" "$RESULTS/e2e-shim.properties"
if [[ $MODE == full ]]; then
  for exports in 2 4; do
    E2E_JVM_ARGS=-Dtracekit.maxConcurrentExports=$exports run_e2e "shim-concurrent$exports" \
      "$SHIM_CP" shim "$SPANS" "$THREADS" "$RESULTS/e2e-shim-concurrent$exports.properties"
  done
fi
run_e2e queue-probe "$SHIM_CP" shim-queue-probe "$RESULTS/queue-probe.properties"
run_lambda_flush "$LAMBDA_CYCLES"
if [[ $MODE == full ]]; then
  run_bridge_load 30
  run_paced 30 "shim-json shim-gzip shim-json-gzip" shim-watched
else
  run_bridge_load 10
  PACED_JVM_ARGS=-Dbench.warmUpSeconds=15 run_paced 10 "" ""
fi

echo
"$JAVA" -cp "$BENCH:$XRAY_CP" dev.tracekit.compat.bench.ResultTable "$RESULTS"
