#!/usr/bin/env bash
# Time to image from a cold JVM, whole process (the build excluded), against the native peer's whole process for
# the same render: each command RUNS times (default 5), alternated, then the minimum and median of each.
# Usage: benchmarks/coldstart.sh   (RUNS=N; SQUALL_JAVA_OPTS applies to every squall run, as always)
# Output: a Markdown table on stdout (BENCHMARKS.md takes it as is).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
runs=${RUNS:-5}
native=benchmarks/target/native
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$native"
cc -O3 -march=native -ffp-contract=off -fopenmp benchmarks/native/mandelbrot_peer.c -o "$native/mandelbrot_peer"
./squall --version >/dev/null   # builds Squall first if needed, outside the timings

render=(render mandelbrot --width 1920 --height 1080 --max-iter 1000 --view -2.5,1,-1,1)
# name | command line (words)
rows=(
  "squall --help|./squall --help"
  "squall --version|./squall --version"
  "squall devices|./squall devices"
  "README render, --device cpu, PNG|./squall ${render[*]} --device cpu --out $work/m.png"
  "README render, --device cpu, counts|./squall ${render[*]} --device cpu --counts $work/m.u32"
  "README render, default device, PNG|./squall ${render[*]} --out $work/m.png"
  "native peer, same render, counts in memory|$native/mandelbrot_peer 1920 1080 1000 -2.5 1 -1 1 f64 1"
)
declare -A times
for ((r = 0; r < runs; r++)); do
  for row in "${rows[@]}"; do
    name=${row%%|*}
    # shellcheck disable=SC2206  # the command line is words
    cmd=(${row#*|})
    start=$(date +%s%N)
    "${cmd[@]}" >/dev/null 2>&1 || { echo "coldstart: '${cmd[*]}' failed" >&2; exit 1; }
    times[$name]="${times[$name]:-} $(( ($(date +%s%N) - start) / 1000000 ))"
  done
done
peer=$(tr ' ' '\n' <<<"${times[native peer, same render, counts in memory]}" | sed '/^$/d' | sort -n | head -n 1)
echo "| command | min ms | median ms | runs (ms, in order) | min / peer's min |"
echo "|---|---|---|---|---|"
for row in "${rows[@]}"; do
  name=${row%%|*}
  sorted=$(tr ' ' '\n' <<<"${times[$name]}" | sed '/^$/d' | sort -n)
  min=$(head -n 1 <<<"$sorted")
  median=$(awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}' <<<"$sorted")
  ratio=$(awk -v a="$min" -v b="$peer" 'BEGIN { printf "%.1f", a / b }')
  echo "| $name | $min | $median |${times[$name]} | $ratio |"
done
