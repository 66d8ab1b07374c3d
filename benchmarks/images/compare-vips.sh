#!/usr/bin/env bash
# Squall against libvips on a folder of real photos, in one run: brightness 1.2 to PNG, every file.
# Needs (Debian): apt-get install libvips-tools mate-backgrounds plasma-workspace-wallpapers libturbojpeg0
# (without libturbojpeg0 Squall decodes JPEGs with ImageIO, about 1.4x slower on the whole folder: the script says so)
# Usage: benchmarks/images/compare-vips.sh [DEVICE]    (default: auto)
# The photo folder is made of links to the packages' JPEG and PNG files in benchmarks/target/photos.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
device=${1:-auto}
command -v vips >/dev/null || { echo "compare-vips: needs vips (apt-get install libvips-tools)" >&2; exit 2; }
photos=benchmarks/target/photos
rm -rf "$photos" benchmarks/target/out-vips benchmarks/target/out-squall
mkdir -p "$photos" benchmarks/target/out-vips benchmarks/target/out-squall
for f in /usr/share/backgrounds/mate/nature/*.jpg /usr/share/backgrounds/mate/abstract/Elephants*.jpg \
         /usr/share/wallpapers/*/contents/images/2560x1600.jpg /usr/share/wallpapers/{Altai,MilkyWay,Canopee}/contents/images/*.png \
         /usr/share/backgrounds/mate/desktop/Ubuntu-Mate-*-no-logo.png; do
  [ -f "$f" ] || continue
  name=$(echo "$f" | sed 's|^/usr/share/||; s|/contents/images||; s|/|-|g')
  ln -s "$f" "$photos/$name"
done
files=$(ls "$photos" | wc -l)
pixels=$(for f in "$photos"/*; do vipsheader -f width "$f"; vipsheader -f height "$f"; done | paste - - | awk '{s += $1 * $2} END {print s}')
./squall --version >/dev/null   # build first, outside the timings
if ! (ldconfig -p 2>/dev/null || true) | grep -q 'libturbojpeg\.so\.0 '; then
  echo "compare-vips: libturbojpeg.so.0 not found (apt-get install libturbojpeg0): Squall's JPEGs go through ImageIO" >&2
fi
echo "photos: $files files, $(awk "BEGIN {printf \"%.1f\", $pixels / 1e6}") megapixels ($(ls "$photos" | grep -c '\.jpg$') JPEG)"

now() { date +%s.%N; }
t0=$(now)
ls "$photos" | xargs -P 2 -I{} sh -c 'vips linear "$1/$2" "$3/${2%.*}.png" 1.2 0 --uchar' _ "$photos" {} benchmarks/target/out-vips
t1=$(now)
./squall image "$photos"/* --op brightness=1.2 --device "$device" -o benchmarks/target/out-squall >/dev/null
t2=$(now)
vips_s=$(echo "$t1 - $t0" | bc -l)
squall_s=$(echo "$t2 - $t1" | bc -l)
same=0
for f in benchmarks/target/out-vips/*.png; do
  g=benchmarks/target/out-squall/$(basename "$f")
  [ "$(vipsheader -f width "$f")x$(vipsheader -f height "$f")" = "$(vipsheader -f width "$g")x$(vipsheader -f height "$g")" ] && same=$((same + 1))
done
printf 'vips (2 files at a time): %.2f s\nsquall image --device %s: %.2f s\nsquall vs vips: %.2fx faster\nidentical sizes: %d of %d\n' \
  "$vips_s" "$device" "$squall_s" "$(echo "$vips_s / $squall_s" | bc -l)" "$same" "$files"
