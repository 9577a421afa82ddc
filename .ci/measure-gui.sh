#!/usr/bin/env bash
# Measures the trainer under Xvfb at 1920×1080 (software Vulkan, lavapipe):
# start-up time to the first frame, frame times on the live screen while a
# script plays, and the CPU the trainer uses left alone on every screen
# (the end-to-end driver idles IDLE seconds on each before its screenshot
# and reads its own CPU time from /proc/self/stat). Runs with the
# facilitator's window and without. Not part of CI (numbers depend on the
# machine); run it by hand on a quiet machine and name the machine.
#   .ci/measure-gui.sh [BIN] [SCENARIO_STEM] [IDLE]
set -euo pipefail
bin="${1:-target/release/sevdrill}"
stem="${2:-payments-peak-outage}"
idle="${3:-20}"
out=$(mktemp -d)
for mode in with without; do
  flags=()
  [ "$mode" = without ] && flags=(--no-facilitator)
  echo "== $mode the facilitator's window"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play "scenarios/$stem.ron" \
    --autoplay "scenarios/scripts/$stem.exemplary.ron" --screenshots "$out/shots-$mode" \
    --sessions "$out/sessions-$mode" --frame-stats --idle-secs "$idle" "${flags[@]}" \
    >"$out/stdout" 2>"$out/stderr"
  grep "autoplay: idle" "$out/stderr" | sed 's/^autoplay: //'
  cat "$out/stdout"
done
# A long session: the feed padded to 2,000 items must draw as fast as a short one.
echo "== a 2,000-item feed, without the facilitator's window"
xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play "scenarios/$stem.ron" \
  --autoplay "scenarios/scripts/$stem.exemplary.ron" --screenshots "$out/shots-long" \
  --sessions "$out/sessions-long" --frame-stats --no-facilitator --pad-feed 2000 >"$out/stdout" 2>/dev/null
cat "$out/stdout"
rm -rf "$out"
