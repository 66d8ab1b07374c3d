#!/usr/bin/env bash
# Tests of the self-contained tarball (host/dist, -Pdist) the way a GPU host gets it: built by Maven, unpacked in a
# temporary folder and run with the environment cleared (no JDK, no Maven, no JAVA_HOME), through bin/squall and
# bin/squall-gpu-check. Run by ./test after the install; on its own: bash scripts/dist-test.sh (a JDK >= 25 found as
# ./test finds one).
set -uo pipefail
unset TORNADOVM_HOME
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
JAVA_HOME=$(squall_find_jdk) || exit 1
export JAVA_HOME
. scripts/checks.sh
rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
err_is() { [ "$(cat "$work/err")" = "$1" ]; }
out_has_line() { grep -qxF -- "$1" "$work/out"; }
err_has_line() { grep -qxF -- "$1" "$work/err"; }

# The project's version (the parent POM's) and the platform the tarball is named for.
version=$(awk '/<artifactId>squall-parent<\/artifactId>/ { getline; gsub(/ *<\/?version> */, ""); print; exit }' pom.xml)
case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-aarch64 ;; *) platform="linux-$(uname -m)" ;; esac
name="squall-$version-$platform"
tarball="host/dist/target/$name.tar.gz"

# 1. The build: the dist module and what it needs, tests left to ./test's own run. Its log is shown on failure only.
rm -f "$tarball"
start=$(date +%s)
if ! ./mvnw -B -ntp -q -Pdist package -DskipTests -Dmaven.javadoc.skip=true -pl host/dist -am >"$work/build.log" 2>&1
then
  cat "$work/build.log"
fi
echo "dist: built in $(($(date +%s) - start)) s"
check "-Pdist package builds $tarball" test -f "$tarball"
[ -f "$tarball" ] || { echo "dist: $passed passed, $((failed + 1)) failed"; exit 1; }
echo "dist: $(du -m "$tarball" | cut -f1) MB"

# 2. What the tarball holds, with its modes: one folder, the commands executable, the runtime without headers and
# man pages, no JDK tools but java (and keytool, part of java.base).
tar tvzf "$tarball" >"$work/listing"
mode_of() { awk -v path="$name/$1" '$6 == path { print $1 }' "$work/listing"; }
check "everything unpacks into $name/" bash -c "! awk '{ print \$6 }' '$work/listing' | grep -v '^$name/'"
check "bin/squall is executable" [ "$(mode_of bin/squall)" = "-rwxr-xr-x" ]
check "bin/squall-gpu-check is executable" [ "$(mode_of bin/squall-gpu-check)" = "-rwxr-xr-x" ]
check "runtime/bin/java is executable" [ "$(mode_of runtime/bin/java)" = "-rwxr-xr-x" ]
check "runtime/lib/jspawnhelper is executable (ProcessBuilder needs it)" \
  [ "$(mode_of runtime/lib/jspawnhelper)" = "-rwxr-xr-x" ]
check "the launchers' functions are there (lib/lib.sh)" [ "$(mode_of lib/lib.sh)" = "-rw-r--r--" ]
check "no header files, no man pages" bash -c "! grep -Eq ' $name/runtime/(include|man)/' '$work/listing'"
check "the runtime's commands are java and keytool only" bash -c \
  "[ \"\$(awk '\$6 ~ \"^$name/runtime/bin/.\" { print \$6 }' '$work/listing' | sed 's:.*/::' | sort | tr '\n' ' ')\" = 'java keytool ' ]"

tmp="$work/unpacked"
mkdir -p "$tmp" "$work/home"
tar xzf "$tarball" -C "$tmp"
dist="$tmp/$name"
cp scripts/lib.sh "$work/lib.sh.expected"
check "lib/lib.sh is scripts/lib.sh" cmp -s "$dist/lib/lib.sh" "$work/lib.sh.expected"

# 3. The runtime holds every JDK module the jars need, as jdeps finds them now (a new dependency that needs one more
# fails here, naming it), and the two the launcher and jline need by name.
"$dist/runtime/bin/java" --list-modules | sed 's/@.*//' | sort >"$work/modules"
for jar in "$dist"/lib/*.jar; do
  "$JAVA_HOME/bin/jdeps" --multi-release 25 --print-module-deps --ignore-missing-deps --module-path "$dist/lib" "$jar" \
    2>/dev/null | tail -n 1 | tr ',' '\n'
done | grep -E '^(java|jdk)\.' | sort -u >"$work/needed"
check "the runtime has every JDK module jdeps finds in the jars ($(tr '\n' ' ' <"$work/needed"))" \
  bash -c "[ -s '$work/needed' ] && [ -z \"\$(comm -23 '$work/needed' '$work/modules')\" ]"
check "the runtime has jdk.incubator.vector and jdk.unsupported" \
  bash -c "grep -qx jdk.incubator.vector '$work/modules' && grep -qx jdk.unsupported '$work/modules'"
echo "dist: runtime modules: $(tr '\n' ' ' <"$work/modules")"

# 4. Run with the environment cleared: no JAVA_HOME, no JDK on PATH, no Maven; from another current directory.
sq() { # sq [VAR=VALUE...] -- ARGS...: bin/squall under env -i, from $work, stdout, stderr and exit code captured
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  (cd "$work" && env -i HOME="$work/home" PATH=/usr/bin:/bin "${vars[@]}" "$dist/bin/squall" "$@") \
    >"$work/out" 2>"$work/err" </dev/null
  echo $? >"$work/rc"
}
sq -- --version
check "--version exits 0" rc_is 0
check "--version names the project's version and the bundled Java" \
  bash -c "grep -Eqx 'squall $version \\(Java [0-9][0-9.+A-Za-z-]*\\)' '$work/out'"
check "--version prints nothing else (no JVM warning)" err_is ""

sq -- devices
check "devices exits 0" rc_is 0
check "devices lists the CPU backend" bash -c "grep -Eq '^cpu +CPU \\(Java\\) ' '$work/out'"
awk '$1 ~ /^opencl:/ { print $1 }' "$work/out" >"$work/ids"
./squall devices 2>/dev/null | awk -v ids="$work/ids.expected" -v fp64="$work/fp64" \
  '$1 ~ /^opencl:/ { print $1 >ids; print $8 >fp64 }'
touch "$work/ids.expected" "$work/fp64"
check "devices lists the OpenCL devices ./squall lists ($(tr '\n' ' ' <"$work/ids.expected"))" \
  cmp -s "$work/ids" "$work/ids.expected"
if [ "${CI:-}" = "true" ]; then
  check "CI=true: an OpenCL device is found through the host's ICD loader" grep -qx 'opencl:0:0' "$work/ids"
fi

# The seed's 800x600 view (shared/reference/seed-kernels.md): the counts' CRC-32, from gzip's trailer (the same
# CRC-32 as java.util.zip.CRC32), their sum and their size.
counts_are() { # counts_are FILE SUM CRC BYTES
  [ "$(gzip -c <"$1" | tail -c 8 | od -An -tx4 -N4 | tr -d ' ')" = "$3" ] \
    && [ "$(od -An -tu4 -v <"$1" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", s }')" = "$2" ] \
    && [ "$(wc -c <"$1")" -eq "$4" ]
}
seed=(render mandelbrot --width 800 --height 600 --max-iter 256 --view -2.0,1.0,-1.2,1.2)
sq -- "${seed[@]}" --counts - --verify
cp "$work/out" "$work/counts"
check "render --counts - exits 0" rc_is 0
check "render --counts - gives the seed's counts (sum 28305069, crc32 ab86c321)" \
  counts_are "$work/counts" 28305069 ab86c321 1920000
check "render --verify finds every pixel identical" \
  err_has_line "verified: 480000 pixels identical to the Java reference (f64, sum 28305069, crc32 ab86c321)"

# Through a link from elsewhere (/usr/local/bin/squall -> .../bin/squall), PNG output, an image through ImageIO's
# module, bench JSON and a job file (Jackson), each on the bundled runtime.
mkdir -p "$work/links"
ln -s "$dist/bin/squall" "$work/links/squall"
(cd "$work" && env -i HOME="$work/home" PATH=/usr/bin:/bin "$work/links/squall" "${seed[@]}" --out "$work/seed.png") \
  >"$work/out" 2>"$work/err"
echo $? >"$work/rc"
check "through a symbolic link, render --out exits 0" rc_is 0
check "through a symbolic link, render --out writes a PNG" \
  bash -c "head -c 8 '$work/seed.png' | od -An -tx1 | tr -d ' ' | grep -qx 89504e470d0a1a0a"
sq -- image "$work/seed.png" --op blur=2 --op brightness=1.2 --verify -o "$work/blurred.png"
check "image --verify exits 0" rc_is 0
check "image --verify is identical to the Java reference" out_has_line "verified: 1 image identical to the Java reference"
sq -- bench mandelbrot --width 64 --height 48 --max-iter 50 --view -2.5,1,-1,1 --runs 1 --warmup 0 --json
check "bench --json exits 0" rc_is 0
check "bench --json writes one JSON object, the kernel's" \
  bash -c "[ \"\$(wc -l <'$work/out')\" -eq 1 ] && grep -q '^{\"kernel\":\"mandelbrot\",.*}\$' '$work/out'"
mkdir -p "$work/job"
printf '%s\n' '{"kernel": "mandelbrot", "width": 3, "height": 2, "max_iter": 50, "device": "auto",' \
  ' "frames": [{"view": [-2.0, 0.5, -1.0, 1.0]}], "output": {"dir": "frames", "format": "counts"}}' >"$work/job/job.json"
sq -- job run "$work/job/job.json"
check "job run exits 0" rc_is 0
check "job run writes the seed's 3x2 counts (sum 159, crc32 92ccf36a)" \
  counts_are "$work/job/frames/frame-00000.u32" 159 92ccf36a 24

# 5. No OpenCL driver (OCL_ICD_VENDORS names an empty folder): devices says what is missing, the CPU backend renders
# the same counts, and auto says where it went.
mkdir -p "$work/no-vendors"
sq OCL_ICD_VENDORS="$work/no-vendors" -- devices
check "without a driver devices exits 0" rc_is 0
check "without a driver devices says what is missing" \
  out_has_line "opencl       none: no OpenCL platform (the ICD loader found no driver in OCL_ICD_VENDORS=$work/no-vendors)"
check "without a driver devices still lists the CPU backend" bash -c "grep -Eq '^cpu +CPU \\(Java\\) ' '$work/out'"
sq OCL_ICD_VENDORS="$work/no-vendors" -- "${seed[@]}" --counts -
cp "$work/out" "$work/counts"
check "without a driver render exits 0" rc_is 0
check "without a driver render gives the seed's counts on the CPU backend" \
  counts_are "$work/counts" 28305069 ab86c321 1920000
check "without a driver render says it renders on the CPU backend" err_has_line "squall: no usable OpenCL device (no \
OpenCL platform (the ICD loader found no driver in OCL_ICD_VENDORS=$work/no-vendors)); rendering on the CPU backend"
sq OCL_ICD_VENDORS="$work/no-vendors" -- "${seed[@]}" --device opencl
check "without a driver --device opencl exits 2" rc_is 2
check "without a driver --device opencl says why in one line" err_is \
  "squall: --device opencl: no OpenCL platform (the ICD loader found no driver in OCL_ICD_VENDORS=$work/no-vendors)"

# squall-gpu-check on a host without a driver: the devices check fails with the reason, the CPU's own check (deep
# zoom) runs, the table ends the output and the exit code is 1.
(cd "$work" && env -i HOME="$work/home" PATH=/usr/bin:/bin OCL_ICD_VENDORS="$work/no-vendors" \
  "$dist/bin/squall-gpu-check" --out "$work/gpu-check") >"$work/out" 2>"$work/err" </dev/null
echo $? >"$work/rc"
check "squall-gpu-check without a driver exits 1" rc_is 1
check "squall-gpu-check's table has the devices check failed, with the reason" bash -c "grep -Eqx 'devices +- +FAIL +no \
OpenCL platform \\(the ICD loader found no driver in OCL_ICD_VENDORS=.*\\)' '$work/out'"
check "squall-gpu-check's table has deep zoom 1e14 on the CPU backend passed, at the reference CRC" \
  bash -c "grep -Eqx 'deep zoom 1e14 32x32 +cpu +PASS +crc32 44c07a66 = reference; .*' '$work/out'"
check "squall-gpu-check ends with its count" \
  bash -c "tail -n 1 '$work/out' | grep -Eqx '2 passed, 1 failed, 0 skipped in [0-9]+ s; logs and JSON in $work/gpu-check'"
check "squall-gpu-check keeps its logs" test -s "$work/gpu-check/devices.txt"

# squall-gpu-check --quick on this host's OpenCL devices (PoCL here, CI): every check passes, each kind of row is
# there, and the count says so: per device with fp64 seven checks (f64, f32, image, bench device, bench sweep, deep
# zoom's two views), without fp64 four and one skipped; then devices and the CPU backend's two deep zoom views.
if [ -s "$work/ids.expected" ]; then
  start=$(date +%s)
  (cd "$work" && env -i HOME="$work/home" PATH=/usr/bin:/bin "$dist/bin/squall-gpu-check" --quick \
    --out "$work/gpu-check-quick") >"$work/out" 2>"$work/err" </dev/null
  echo $? >"$work/rc"
  echo "dist: squall-gpu-check --quick took $(($(date +%s) - start)) s"
  with=$(grep -cx yes "$work/fp64")
  without=$(grep -cvx yes "$work/fp64")
  check "squall-gpu-check --quick exits 0" rc_is 0
  check "squall-gpu-check --quick passes every check" bash -c "tail -n 1 '$work/out' | grep -Eqx \
'$((3 + 7 * with + 4 * without)) passed, 0 failed, $without skipped in [0-9]+ s; logs and JSON in $work/gpu-check-quick'"
  first=$(head -n 1 "$work/ids.expected")
  for row in "devices +- +PASS +[0-9]+ OpenCL: $first .*" \
    "mandelbrot 800x600 f32 +$first +PASS += Java reference \(crc32 1c14857e\); .* Giter/s" \
    "image brightness=1.2 +$first +PASS += Java reference, 640x480; .*" \
    "bench device +$first +PASS +[0-9.e+]+ GB/s; fp32 [0-9.e+]+, fp64 ([0-9.e+]+|-) GFLOP/s; launch [0-9.e+]+ us" \
    "bench sweep +$first +PASS +(f64 [0-9.e+]+, )?f32 [0-9.e+]+ Giter/s at 256x256 \(max-iter 1000\)"; do
    check "squall-gpu-check --quick's table has: $row" grep -Eqx "$row" "$work/out"
  done
  if [ "$(sed -n 1p "$work/fp64")" = yes ]; then
    check "squall-gpu-check --quick's table has the seed view at its reference CRC on $first" grep -Eqx \
      "mandelbrot 800x600 f64 +$first +PASS +crc32 ab86c321 = reference; .* Giter/s" "$work/out"
    check "squall-gpu-check --quick's table has deep zoom 5e113 at its reference CRC on $first" grep -Eqx \
      "deep zoom 5e113 32x32 +$first +PASS +crc32 620dd7eb = reference; .* Giter/s" "$work/out"
  fi
  check "squall-gpu-check keeps bench device's JSON" grep -q "^{\"devices\":\[{\"device\":\"$first\"" \
    "$work/gpu-check-quick/bench-device.json"
fi

# 6. No ICD loader at all: libOpenCL.so.1 hidden (an empty file bound over it, in a mount namespace of this run
# only; needs root, unshare and mount, else skipped): devices names what to install; the CPU backend still renders.
loader=$(squall_opencl_loader)
hide="mount --bind /dev/null '$(readlink -f "${loader:-/nonexistent}")' &&"
if [ -n "$loader" ] && [ "$(id -u)" -eq 0 ] && unshare -m sh -c "$hide true" 2>/dev/null; then
  unshare -m sh -c "$hide cd '$work' && env -i HOME='$work/home' PATH=/usr/bin:/bin '$dist/bin/squall' devices" \
    >"$work/out" 2>"$work/err"
  echo $? >"$work/rc"
  check "without an ICD loader devices exits 0" rc_is 0
  check "without an ICD loader devices says what to install" out_has_line "opencl       none: no OpenCL ICD loader \
(libOpenCL.so.1) found: install ocl-icd-libopencl1 (Debian) and the GPU's OpenCL driver"
  unshare -m sh -c "$hide cd '$work' && env -i HOME='$work/home' PATH=/usr/bin:/bin '$dist/bin/squall' \
    render mandelbrot --width 800 --height 600 --max-iter 256 --view -2.0,1.0,-1.2,1.2 --counts -" \
    >"$work/counts" 2>"$work/err"
  check "without an ICD loader render gives the seed's counts on the CPU backend" \
    counts_are "$work/counts" 28305069 ab86c321 1920000
else
  echo "dist: skipped the checks without an ICD loader (they need one to hide, root, unshare and mount)"
fi

# 7. The libOpenCL.so link goes into the unpacked folder, or, where that cannot take it, the user's cache folder.
check "the ICD loader's link is in the unpacked folder" \
  bash -c "[ -z '$loader' ] || [ \"\$(readlink '$dist/lib/opencl-loader/libOpenCL.so')\" = '$loader' ]"
if [ -n "$loader" ]; then
  rm -rf "$dist/lib/opencl-loader"
  touch "$dist/lib/opencl-loader"   # a file: no folder can be made there (root writes any folder)
  sq -- devices
  check "with the unpacked folder closed the link goes to the user's cache" \
    [ "$(readlink "$work/home/.cache/squall/opencl-loader/libOpenCL.so")" = "$loader" ]
  check "with the link in the user's cache the same OpenCL devices are listed" \
    bash -c "awk '\$1 ~ /^opencl:/ { print \$1 }' '$work/out' | cmp -s - '$work/ids.expected'"
fi

checks_summary dist
