#!/usr/bin/env bash
# TornadoVM against Squall's own backends, in one run: `squall bench mandelbrot` for each case on the CPU backend,
# OpenCL through JOCL (the SIMD kernel PoCL gets by default, and the one-pixel-per-work-item kernel, the same form as
# TornadoVM's), and TornadoVM (@Parallel, KernelContext, and @Parallel in TornadoVM's fast math); then brightness.
# Needs TORNADOVM_HOME (a TornadoVM installation, see README). Usage: TORNADOVM_HOME=... benchmarks/tornado.sh
#   RUNS=N timed runs per row (default 5). Output: Markdown tables on stdout; raw JSON in benchmarks/target/tornado/.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
[ -n "${TORNADOVM_HOME:-}" ] || { echo "tornado.sh: set TORNADOVM_HOME to a TornadoVM installation" >&2; exit 2; }
out=benchmarks/target/tornado
mkdir -p "$out"
./squall --version >/dev/null   # builds Squall with its TornadoVM module first, outside the timings
runs=${RUNS:-5}
field() { sed -n "s/.*\"$2\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p" "$1"; }

# name | device | extra options
runners=(
  "squall cpu (Java Vector API)|cpu|"
  "JOCL, SIMD kernel (PoCL's default)|opencl|--opencl-variant simd"
  "JOCL, one pixel per work-item|opencl|--opencl-variant scalar"
  "TornadoVM @Parallel, exact|tornado|--tornado-api parallel"
  "TornadoVM KernelContext, exact|tornado|--tornado-api kernel-context"
  "TornadoVM @Parallel, fast math|tornado-fast|--tornado-api parallel"
)
echo "| case | precision | cycle shortcut | runner | median s | Giter/s (effective) | vs JOCL one pixel per work-item | counts |"
echo "|---|---|---|---|---|---|---|---|"
for n in 1000; do
  for p in f64 f32; do
    for shortcut in on off; do
      flag=(); [ "$shortcut" = on ] || flag=(--no-cycle-shortcut)
      base=""; cpu_crc=""
      rows=()
      for r in "${runners[@]}"; do
        IFS='|' read -r name device extra <<<"$r"
        f="$out/$device-$(echo "$extra" | tr -c 'a-z0-9' '_')-$p-$shortcut.json"
        # shellcheck disable=SC2086  # extra is a list of options
        ./squall bench mandelbrot --width 1920 --height 1080 --max-iter "$n" --view -2.5,1,-1,1 --precision "$p" \
          --device "$device" $extra --runs "$runs" --warmup 2 --json "${flag[@]}" >"$f"
        s=$(field "$f" seconds_median); g=$(field "$f" giter_per_s); crc=$(field "$f" crc32)
        [ -n "$cpu_crc" ] || cpu_crc=$crc
        [ "$name" != "JOCL, one pixel per work-item" ] || base=$s
        rows+=("$name|$s|$g|$crc")
      done
      for row in "${rows[@]}"; do
        IFS='|' read -r name s g crc <<<"$row"
        same=$([ "$crc" = "$cpu_crc" ] && echo "crc32 $crc, exact" || echo "crc32 $crc, DIFFERENT")
        printf '| seed view, max-iter %s | %s | %s | %s | %.4f | %.2f | %.2f | %s |\n' "$n" "$p" "$shortcut" "$name" \
          "$s" "$g" "$(echo "$base / $s" | bc -l)" "$same"
      done
    done
  done
done
echo
echo "Brightness (the seed's process_image, factor 1.2), Mpixel/s; TornadoVM @Parallel, then KernelContext:"
echo
./squall bench sweep --kernel brightness --sizes 1024,2048 --device cpu,opencl:0:0,tornado:0 --runs "$runs"
SQUALL_JAVA_OPTS="${SQUALL_JAVA_OPTS:-} -Dsquall.tornado.image-api=kernel-context" \
  ./squall bench sweep --kernel brightness --sizes 1024,2048 --device tornado:0 --runs "$runs" | tail -n 1
