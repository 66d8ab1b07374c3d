#!/usr/bin/env bash
# Tests of ./squall itself, the way a user runs it: JDK discovery, build on first use and on change (a no-op
# otherwise), SQUALL_JAVA_OPTS, exit codes, and no JVM warnings on the terminal. Run by ./test after the build.
set -uo pipefail
# The default launcher is under test: TornadoVM, if the environment names one, only where a check says so.
unset TORNADOVM_HOME
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
. scripts/checks.sh

run() { # run ARGS...: ./squall with stdout, stderr and exit code captured
  ./squall "$@" >"$work/out" 2>"$work/err"
  echo $? >"$work/rc"
}

rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
err_is() { [ "$(cat "$work/err")" = "$1" ]; }
out_matches() { grep -Eq "$1" "$work/out"; }

# 1. The README's command, as printed there.
run render mandelbrot --width 1920 --height 1080 --max-iter 1000 --view -2.5,1,-1,1 --out "$work/mandelbrot.png" --verify
check "README render exits 0" rc_is 0
check "README render prints only Squall's lines (no JVM warning, no build)" err_is ""
check "README render is verified against the seed checksum" \
  out_matches '^verified: 2073600 pixels identical to the Java reference \(f64, sum 458700700, crc32 c7052418\)$'
check "README render prints a summary with Giter/s" out_matches '^mandelbrot 1920x1080 f64 max-iter 1000 on .* Giter/s'
check "README render writes a PNG" bash -c "head -c 8 '$work/mandelbrot.png' | od -An -c | grep -q 'P   N   G'"

# 2. Bad input: exit 2, one line, the existing file untouched.
echo "keep me" >"$work/keep.png"
run render mandelbrot --width 0 --height 10 --max-iter 10 --view -2.5,1,-1,1 --out "$work/keep.png"
check "bad width exits 2" rc_is 2
check "bad width says which value and what is allowed" err_is "squall: --width must be a positive integer, got 0"
check "bad width leaves the output untouched" grep -qx "keep me" "$work/keep.png"

# 3. SQUALL_JAVA_OPTS comes last, so it can set the heap.
SQUALL_JAVA_OPTS="-Xmx123m -XshowSettings:vm" ./squall --version >"$work/out" 2>"$work/err"
check "SQUALL_JAVA_OPTS reaches the JVM" grep -q "Max. Heap Size: 123.00M" "$work/err"

# 3b. OpenCL's LLVM (PoCL) must not take the JVM's signal handlers: -Xcheck:jni reports any that changed.
SQUALL_JAVA_OPTS="-Xcheck:jni" ./squall render mandelbrot --width 64 --height 48 --max-iter 50 --view -2.5,1,-1,1 \
  --device auto >"$work/out" 2>"$work/err"
check "the JVM keeps its signal handlers after OpenCL loads (libjsig preloaded)" bash -c "! grep -q 'handler modified' '$work/err'"

# 4. A JDK is found without JAVA_HOME or java on PATH; a missing one is named.
jdk=$(. scripts/lib.sh && squall_find_jdk)
env -u JAVA_HOME PATH=/usr/bin:/bin SQUALL_JVM_DIRS="$(dirname "$jdk")" ./squall --version >"$work/out" 2>"$work/err"
check "finds a JDK >= 25 in the install folders" out_matches '^squall .*\(Java 2[5-9]|^squall .*\(Java [3-9][0-9]'
mkdir -p "$work/nojdk/bin"
printf '#!/bin/sh\necho "java.specification.version = 17" >&2\n' >"$work/nojdk/bin/java"
chmod +x "$work/nojdk/bin/java"
JAVA_HOME="$work/nojdk" PATH="$work/nojdk/bin:/bin" SQUALL_JVM_DIRS="$work/none" ./squall --version >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "without a JDK >= 25 exits 1" rc_is 1
check "without a JDK >= 25 says which were found and what is needed" \
  grep -q "squall: needs a JDK >= 25 (java and javac); found $work/nojdk (Java 17, no javac)." "$work/err"

# 4b. A JDK that is there is never reported missing. Under ulimit -v 2500000 (KB) the JVM's default heap and class
# space do not fit (a quarter of a large machine's memory, and 1 GiB), while a run with a small heap does: the
# probe must start there too, and a heap that does not fit is the JVM's own error.
(ulimit -v 2500000 && SQUALL_JAVA_OPTS='-Xmx256m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m' \
  ./squall --version) >"$work/out" 2>"$work/err"
check "under ulimit -v a small SQUALL_JAVA_OPTS heap runs" out_matches '^squall .*\(Java '
(ulimit -v 2500000 && SQUALL_JAVA_OPTS=-Xmx3g ./squall --version) >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "under ulimit -v a heap that does not fit exits 1" rc_is 1
# (HotSpot prints its initialization errors on stdout.)
check "under ulimit -v a heap that does not fit is the JVM's own error, not a missing JDK" bash -c "cat '$work/out' \
  '$work/err' | grep -q 'Could not reserve enough space for 3145728 KB object heap' && ! grep -q 'needs a JDK' '$work/err'"
# ./squall keeps the versions it probed (host/target/jdk-versions): the probe itself must start there too.
check "under ulimit -v the JDK probe starts" bash -c \
  "ulimit -v 2500000 && . scripts/lib.sh && squall_java_probe '$jdk/bin/java' | grep -Eqx 'java (2[5-9]|[3-9][0-9])'"
mkdir -p "$work/brokenjdk/bin"
printf '#!/bin/sh\nprintf "Error occurred during initialization of VM\\nToo small initial heap\\n"\nexit 1\n' \
  >"$work/brokenjdk/bin/java"
cp "$work/brokenjdk/bin/java" "$work/brokenjdk/bin/javac"
chmod +x "$work/brokenjdk/bin/java" "$work/brokenjdk/bin/javac"
JAVA_HOME="$work/brokenjdk" PATH="$work/brokenjdk/bin:/bin" SQUALL_JVM_DIRS="$work/none" ./squall --version \
  >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "a java that fails to start exits 1" rc_is 1
check "a java that fails to start is named with its own error" grep -qx \
  "squall: $work/brokenjdk/bin/java failed to start: Error occurred during initialization of VM: Too small initial heap" \
  "$work/err"

# 4b'. The versions ./squall probed are kept per java and file time: a java is asked again only once it changed.
mkdir -p "$work/cachedjdk/bin"
printf '#!/bin/sh\necho "java.specification.version = 17" >&2\n' >"$work/cachedjdk/bin/java"
chmod +x "$work/cachedjdk/bin/java"
touch -d '2020-01-01 00:00:00' "$work/cachedjdk/bin/java"
version_is() { # version_is JAVA "java N": what squall_java_version says of JAVA with the test's cache file
  [ "$(SQUALL_JDK_CACHE="$work/jdk-versions" bash -c '. scripts/lib.sh && squall_java_version "$1"' _ "$1")" = "$2" ]
}
version_is "$work/cachedjdk/bin/java" "java 17"
sed -i 's/= 17/= 21/' "$work/cachedjdk/bin/java"
touch -d '2020-01-01 00:00:00' "$work/cachedjdk/bin/java"
check "a java's probed version is kept for the next run" version_is "$work/cachedjdk/bin/java" "java 17"
touch -d '2021-01-01 00:00:00' "$work/cachedjdk/bin/java"
check "a java changed since its probe is asked again" version_is "$work/cachedjdk/bin/java" "java 21"

# 4c. From a current directory that was deleted (relative paths would mean nothing): one plain line, exit 1.
mkdir "$work/gone"
(cd "$work/gone" && rmdir "$work/gone" && "$ROOT/squall" --version) >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "from a deleted current directory exits 1" rc_is 1
check "from a deleted current directory says so" \
  grep -qx "squall: the current directory no longer exists; cd to one that does and run squall again" "$work/err"

# 5. Build on change, and only then.
run --version
check "no rebuild when nothing changed" err_is ""
touch kernels/src/main/java/dev/squall/kernels/Precision.java
run --version
check "rebuilds after a source changed" grep -q "^squall: building (sources changed)...$" "$work/err"
check "runs after the rebuild" out_matches '^squall '
run --version
check "no rebuild right after a rebuild" err_is ""

# 6. TornadoVM is optional: without it --device tornado is one line and exit 2; a wrong TORNADOVM_HOME is named.
env -u TORNADOVM_HOME ./squall render mandelbrot --width 8 --height 4 --max-iter 9 --view -2.5,1,-1,1 \
  --device tornado >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "--device tornado without TornadoVM exits 2" rc_is 2
check "--device tornado without TornadoVM says why in one line" \
  err_is "squall: --device tornado: TornadoVM is not available to this squall (TORNADOVM_HOME is not set; see README, TornadoVM)"
mkdir -p "$work/notornado"
TORNADOVM_HOME="$work/notornado" ./squall devices >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "a TORNADOVM_HOME that is no installation exits 2" rc_is 2
check "a TORNADOVM_HOME that is no installation is named" grep -q "^squall: TORNADOVM_HOME=$work/notornado is not a TornadoVM installation" "$work/err"

# 7. TornadoVM's API jar goes into the local Maven repository with a generated POM: the POM packed in TornadoVM's jar
# names a parent (io.github.beehive-lab:tornado) that no registry has, and every build that reads it fails. An
# install made with that POM is repaired. Without TornadoVM: a fake installation, the install step alone
# (squall_tornado_api, not the -Ptornado build), into a temporary repository (SQUALL_MAVEN_REPO) whose tail, read
# only, is the user's (Maven's install plugin comes from there, or from Maven Central once).
fake="$work/tornadovm"
mkdir -p "$fake/share/java/tornado" "$work/api/META-INF/maven/io.github.beehive-lab/tornado-api"
echo "-Dtornado.fake=true" >"$fake/tornado-argfile"
printf '%s\n' '<project xmlns="http://maven.apache.org/POM/4.0.0">' '  <modelVersion>4.0.0</modelVersion>' \
  '  <parent>' '    <groupId>io.github.beehive-lab</groupId>' '    <artifactId>tornado</artifactId>' \
  '    <version>9.9.9-test</version>' '  </parent>' '  <artifactId>tornado-api</artifactId>' '</project>' \
  >"$work/api/META-INF/maven/io.github.beehive-lab/tornado-api/pom.xml"
api="$fake/share/java/tornado/tornado-api-9.9.9-test.jar"
"$jdk/bin/jar" cf "$api" -C "$work/api" META-INF
installed=io/github/beehive-lab/tornado-api/9.9.9-test/tornado-api-9.9.9-test
user_repo="$HOME/.m2/repository"
# (The install plugin leaves the POM it read from the jar in java.io.tmpdir: here, in $work.)
tornado_api() { # tornado_api REPO: ./squall's install step for the fake installation, with SQUALL_MAVEN_REPO=REPO
  JAVA_HOME="$jdk" SQUALL_MAVEN_REPO=$1 MAVEN_ARGS="-Dmaven.repo.local.tail=$user_repo" \
    MAVEN_OPTS="${MAVEN_OPTS:-} -Djava.io.tmpdir=$work" \
    bash -c '. scripts/lib.sh && squall_tornado_api "$PWD" "$1" 9.9.9-test' _ "$api" >"$work/out" 2>"$work/err"
  echo $? >"$work/rc"
}
no_parent() { [ -f "$1" ] && ! grep -q '<parent>' "$1"; }
one_line_matches() { [ "$(wc -l <"$work/err")" -eq 1 ] && grep -Eq "$1" "$work/err"; }
tornado_api "$work/m2"
check "TornadoVM's API goes into SQUALL_MAVEN_REPO" test -f "$work/m2/$installed.jar"
check "TornadoVM's API goes into no other repository" test ! -e "$user_repo/${installed%/*}"
check "TornadoVM's API gets a generated POM, not the jar's with its parent" no_parent "$work/m2/$installed.pom"
tornado_api "$work/m2"
check "TornadoVM's API in place is left alone, silently" err_is ""
mkdir -p "$work/m2-old/${installed%/*}"
cp "$api" "$work/m2-old/$installed.jar"
cp "$work/api/META-INF/maven/io.github.beehive-lab/tornado-api/pom.xml" "$work/m2-old/$installed.pom"
tornado_api "$work/m2-old"
check "TornadoVM's API installed with the jar's POM is repaired" no_parent "$work/m2-old/$installed.pom"
check "TornadoVM's API repaired says so in one line" \
  one_line_matches "^squall: .*io\.github\.beehive-lab:tornado:9\.9\.9-test.* generated POM"

# 8. Spark (./test builds host/spark with -Pspark): job run --spark local[2] puts Squall's Spark module on the class
# path, with a Spark driver's JVM options (no JVM warning reaches the terminal), and writes a local run's frames.
cat >"$work/spark.json" <<'JOB'
{ "kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 300, "device": "cpu",
  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 3.0, "end_width": 0.01, "frames": 3},
  "output": { "dir": "spark-frames", "format": "png" } }
JOB
sed 's/"spark-frames"/"local-frames"/' "$work/spark.json" >"$work/local.json"
run job run "$work/spark.json" --spark 'local[2]'
check "job run --spark local[2] exits 0" rc_is 0
check "job run --spark local[2] sums up the Spark run" out_matches \
  '^job: 3 frames rendered, 0 skipped, 64x48 f64 max-iter 300 on spark local\[2\] \(3 tasks, 1 executor\): cpu'
check "job run --spark local[2] lets no JVM warning through" bash -c "! grep -q '^WARNING' '$work/err'"
run job run "$work/local.json"
check "job run --spark writes the frames a local run writes" bash -c "for f in '$work'/local-frames/frame-*.png; do
  cmp -s \"\$f\" '$work'/spark-frames/\$(basename \"\$f\") || exit 1; done"
submit=host/spark/target/squall-spark-submit.jar
check "the spark-submit jar holds Squall and its command line" bash -c "unzip -l $submit \
  | grep -q 'dev/squall/spark/SubmitMain.class' && unzip -l $submit | grep -q 'dev/squall/cli/Squall.class'"
check "the spark-submit jar holds neither Spark nor Jackson (the cluster's own)" bash -c "! unzip -l $submit \
  | grep -Eq ' (org/apache/spark|com/fasterxml|scala)/'"
"$jdk/bin/java" -jar "$submit" job.json >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "the spark-submit jar outside spark-submit exits 2" rc_is 2
check "the spark-submit jar outside spark-submit says how it runs" err_is "squall: squall-spark-submit.jar runs under \
spark-submit (which gives it spark.master): spark-submit --master MASTER squall-spark-submit.jar JOB.json; or \
./squall job run JOB.json --spark MASTER"

checks_summary launcher
