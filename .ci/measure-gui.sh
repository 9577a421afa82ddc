#!/usr/bin/env bash
# Measures the trainer under Xvfb at 1920×1080 (software Vulkan, lavapipe):
# - the CPU it uses left alone on every screen (the end-to-end driver idles
#   IDLE seconds on each before its screenshot and reads its own CPU time
#   from /proc/self/stat), with the facilitator's window and without;
# - start-up time to the first frame;
# - frame times on the live screen while a script plays, RUNS runs each with
#   both windows, with the room's window alone, and with the feed padded to
#   2,000 items (a long session must draw as fast as a short one). One run's
#   p95 rests on about a hundred frames and a shared machine is noisy, so
#   every run is printed and the spread summed up.
# Not part of CI (numbers depend on the machine); run it by hand on a quiet
# machine and name the machine.
#   .ci/measure-gui.sh [BIN] [SCENARIO_STEM] [IDLE] [RUNS]
# IDLE 0 skips the idle part (an idle trainer wakes every 30 s at most, so
# any IDLE up to 30 takes 30 s a screen, about 15 minutes in all).
set -euo pipefail
bin="${1:-target/release/sevdrill}"
stem="${2:-payments-peak-outage}"
idle="${3:-20}"
runs="${4:-5}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

play() {
  rm -rf "$out/shots" "$out/sessions"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play "scenarios/$stem.ron" \
    --autoplay "scenarios/scripts/$stem.exemplary.ron" --screenshots "$out/shots" \
    --sessions "$out/sessions" --frame-stats "$@" >"$out/stdout" 2>"$out/stderr"
}

for mode in with without; do
  [ "$idle" = 0 ] && break
  flags=()
  [ "$mode" = without ] && flags=(--no-facilitator)
  echo "== idle, $mode the facilitator's window"
  play --idle-secs "$idle" "${flags[@]}"
  grep "autoplay: idle" "$out/stderr" | sed 's/^autoplay: //'
  # The first line is the drill's live screen; a second one adds its fork's.
  head -1 "$out/stdout" | sed 's/; live-screen.*//'
done

# The frame line of each run, then the spread of their p95s and CPU a frame.
frames() {
  local label="$1"
  shift
  echo "== frames while the script plays, $label ($runs runs)"
  : >"$out/runs"
  for _ in $(seq "$runs"); do
    play "$@"
    head -1 "$out/stdout" | sed 's/^start-up to first frame: [0-9]* ms; //' | tee -a "$out/runs"
  done
  python3 - "$out/runs" <<'PY'
import re, statistics, sys
rows = [l for l in open(sys.argv[1]) if "p95" in l]
p95 = sorted(float(re.search(r"median [0-9.]+ ms, p95 ([0-9.]+)", l).group(1)) for l in rows)
# Builds before the CPU figure print none.
cpu = sorted(float(m.group(1)) for l in rows if (m := re.search(r"CPU ([0-9.]+) ms a frame", l)))
cpu = f"{statistics.median(cpu):.1f} ms" if cpu else "not printed by this build"
print(f"p95 over {len(p95)} runs: min {p95[0]:.1f}, median {statistics.median(p95):.1f}, max {p95[-1]:.1f} ms;"
      f" CPU a frame, median {cpu}")
PY
}
frames "both windows"
frames "the room's window alone" --no-facilitator
frames "a 2,000-item feed, both windows" --pad-feed 2000
