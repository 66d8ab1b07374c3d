#!/usr/bin/env bash
# squall-gpu-discovery.sh: Spark's resource discovery script for Squall's tasks. Prints this host's OpenCL GPUs as
# the resource "gpu", each address the id of the device a task given it opens (as squall devices lists them):
#   {"name":"gpu","addresses":["opencl:0:0","opencl:0:1"]}
# Spark runs it on each worker (standalone: spark.worker.resource.gpu.discoveryScript) or executor (YARN,
# Kubernetes: spark.executor.resource.gpu.discoveryScript). No OpenCL or no GPU: no addresses, and why on stderr.
# Squall's classes: $SQUALL_SPARK_JAR (the jar, or any class path holding Squall), else squall-spark-submit.jar
# beside this script, in target/ beside it (the repository's host/spark) or in the current folder (where YARN and
# Kubernetes put an application's jars). Java 25 or later: $JAVA_HOME/bin/java, else java on PATH.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
jar=${SQUALL_SPARK_JAR:-}
if [ -z "$jar" ]; then
  for candidate in "$here/squall-spark-submit.jar" "$here/target/squall-spark-submit.jar" \
                   "$PWD/squall-spark-submit.jar"; do
    if [ -f "$candidate" ]; then jar=$candidate; break; fi
  done
fi
if [ -z "$jar" ]; then
  echo "squall-gpu-discovery: no squall-spark-submit.jar in $here, $here/target or $PWD; set SQUALL_SPARK_JAR" >&2
  exit 1
fi
java=java
if [ -n "${JAVA_HOME:-}" ]; then java=$JAVA_HOME/bin/java; fi
# JOCL opens the ICD loader by the name libOpenCL.so, which Debian ships only in ocl-icd-opencl-dev: link the
# libOpenCL.so.1 that drivers install, as ./squall does (README, OpenCL set-up).
lib=$( (ldconfig -p 2>/dev/null || true) | sed -n 's/.*libOpenCL\.so\.1 .*=> //p' | head -n 1)
if [ -n "$lib" ]; then
  link=$(mktemp -d)
  trap 'rm -rf "$link"' EXIT
  ln -s "$lib" "$link/libOpenCL.so"
  export LD_LIBRARY_PATH="$link${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# libjsig: PoCL's LLVM would otherwise take the JVM's signal handlers (README: ./squall preloads it too).
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/lib/libjsig.so"
if [ -f "$jsig" ]; then export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"; fi
"$java" -Xmx256m --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp "$jar" \
  dev.squall.spark.GpuDiscovery 2> >(grep -v -x 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
