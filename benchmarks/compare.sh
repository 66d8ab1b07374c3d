#!/usr/bin/env bash
# Squall against its native peer, in one run: for each case, the C peer (vector extensions on the widest vectors
# this CPU has, OpenMP, no shortcut) and `squall bench mandelbrot` on each device, with and without the cycle
# shortcut, alternating, and the ratios.
# Usage: benchmarks/compare.sh [DEVICES...]   (default: cpu opencl; cases below)
#   CASES=PATTERN runs only the cases whose name matches (grep -E); RUNS=N timed runs per row (default 5).
#   PEER_128=1 adds, for the cpu device, the same comparison at 128 bits (what NEON and SSE-only x86 have): a peer
#   built with -DPEER_VECTOR_BYTES=16 beside Squall run with SQUALL_JAVA_OPTS=-XX:MaxVectorSize=16, in the same table.
# Output: a Markdown table on stdout (BENCHMARKS.md takes it as is); each raw JSON result in benchmarks/target/compare/.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
devices=("${@:-cpu}")
[ $# -gt 0 ] || devices=(cpu opencl)
out=benchmarks/target/compare
native=benchmarks/target/native
mkdir -p "$out" "$native"
# Each width compared: the peer's binary | the JVM option that gives Squall's CPU backend the same width | devices.
widths=("$native/mandelbrot_peer||${devices[*]}")
cc -O3 -march=native -ffp-contract=off -fopenmp benchmarks/native/mandelbrot_peer.c -o "$native/mandelbrot_peer"
if [ "${PEER_128:-}" = 1 ]; then
  # -march=native keeps the instruction set the JVM also uses at MaxVectorSize=16 (on x86, AVX encodings of 128-bit
  # operations); only the width changes. The option applies to the cpu device only.
  cc -O3 -march=native -DPEER_VECTOR_BYTES=16 -ffp-contract=off -fopenmp benchmarks/native/mandelbrot_peer.c \
    -o "$native/mandelbrot_peer_128"
  widths+=("$native/mandelbrot_peer_128|-XX:MaxVectorSize=16|cpu")
fi
./squall --version >/dev/null   # builds Squall first if needed, outside the timings

field() { sed -n "s/.*\"$2\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p" "$1"; }
median() { tr ',' '\n' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# name | width height max_iter view
cases=(
  "seed view, max-iter 1000|1920 1080 1000 -2.5,1,-1,1"
  "seed view, max-iter 10000|1920 1080 10000 -2.5,1,-1,1"
  "no interior (seahorse valley edge), max-iter 1000|1920 1080 1000 -0.7454,-0.7434,0.1127,0.1138"
)
echo "| case | precision | runner | median s | Giter/s (effective) | vs C peer | executed Giter/s | exact |"
echo "|---|---|---|---|---|---|---|---|"
runs=${RUNS:-5}
for c in "${cases[@]}"; do
  name=${c%%|*}
  [ -z "${CASES:-}" ] || grep -qE "$CASES" <<<"$name" || continue
  read -r w h n view <<<"${c#*|}"
  IFS=, read -r x0 x1 y0 y1 <<<"$view"
  for p in f64 f32; do
    for wd in "${widths[@]}"; do
      IFS='|' read -r peer jvm_opt width_devices <<<"$wd"
      tag="${w}x${h}-${n}-${p}-$(echo "$view" | tr ',' '_')"
      pf="$out/peer-$(basename "$peer")-$tag.json"
      "$peer" "$w" "$h" "$n" "$x0" "$x1" "$y0" "$y1" "$p" "$runs" >"$pf"
      peer_s=$(sed -n 's/.*"seconds":\[\([^]]*\)\].*/\1/p' "$pf" | median)
      peer_iter=$(field "$pf" iterations)
      peer_crc=$(field "$pf" crc32)
      printf '| %s | %s | C vectors %s-bit + OpenMP, no shortcut | %.4f | %.2f | 1.00 | %.2f | crc32 %s |\n' \
        "$name" "$p" "$(field "$pf" vector_bits)" "$peer_s" "$(echo "$peer_iter / $peer_s / 1000000000" | bc -l)" \
        "$(echo "$peer_iter / $peer_s / 1000000000" | bc -l)" "$peer_crc"
      for d in "${devices[@]}"; do
        [[ " $width_devices " == *" $d "* ]] || continue
        label="squall $d${jvm_opt:+ ($jvm_opt)}"
        for shortcut in on off; do
          flag=(); [ "$shortcut" = on ] || flag=(--no-cycle-shortcut)
          f="$out/squall-$d${jvm_opt:+-$(echo "$jvm_opt" | tr -dc 'A-Za-z0-9')}-$shortcut-$tag.json"
          SQUALL_JAVA_OPTS="${SQUALL_JAVA_OPTS:-}${jvm_opt:+ $jvm_opt}" ./squall bench mandelbrot --width "$w" \
            --height "$h" --max-iter "$n" --view "$view" --precision "$p" --device "$d" --runs "$runs" --warmup 2 \
            --json "${flag[@]}" >"$f"
          s=$(field "$f" seconds_median)
          exact=$([ "$(field "$f" crc32)" = "$peer_crc" ] && echo "same crc32" || echo "CRC DIFFERS")
          printf '| %s | %s | %s, shortcut %s | %.4f | %.2f | %.2f | %.2f | %s |\n' "$name" "$p" "$label" "$shortcut" \
            "$s" "$(field "$f" giter_per_s)" "$(echo "$peer_s / $s" | bc -l)" "$(field "$f" executed_giter_per_s)" \
            "$exact"
        done
      done
    done
  done
done
