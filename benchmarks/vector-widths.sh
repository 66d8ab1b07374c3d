#!/usr/bin/env bash
# The CPU backend at each vector width the JVM can be told to use, in one run: 128 bits (-XX:MaxVectorSize=16,
# what NEON and SSE-only x86 get), 256 bits (32) and this machine's widest (no flag), f64 and f32, the seed view.
# A width that runs far slower than the others shows here (128-bit doubles once ran 40 times slower: BENCHMARKS.md).
# Usage: benchmarks/vector-widths.sh [WIDTH HEIGHT MAX_ITER]   (default 640 480 1000)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
w=${1:-640}; h=${2:-480}; n=${3:-1000}
./squall --version >/dev/null   # build first, outside the timings
echo "cpu backend, seed view -2.5,1,-1,1, ${w}x${h}, max-iter $n: median seconds (Giter/s effective), CRC-32"
for precision in f64 f32; do
  for flag in "-XX:MaxVectorSize=16" "-XX:MaxVectorSize=32" ""; do
    SQUALL_JAVA_OPTS="$flag" ./squall bench mandelbrot --width "$w" --height "$h" --max-iter "$n" \
      --view -2.5,1,-1,1 --device cpu --precision "$precision" --runs 5 --warmup 3 --json \
      | python3 -c "import json,sys; d=json.load(sys.stdin); print('%s %-22s %.4f s (%.3f)  %s  %s' % (sys.argv[1], sys.argv[2] or 'widest', d['seconds_median'], d['giter_per_s'], d['crc32'], d['device_name'] if 'device_name' in d else ''))" "$precision" "$flag"
  done
done
