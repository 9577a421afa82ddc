#!/usr/bin/env bash
# Measures the trainer under Xvfb at 1920×1080: start-up time to the first
# frame, frame times on the live screen (continuous drawing while a script
# plays), and CPU use while it sits paused on the live screen. Not part of
# CI (numbers depend on the machine); run it by hand and name the machine.
set -euo pipefail
bin="${1:-target/release/sevdrill}"
stem="${2:-payments-peak-outage}"
out=$(mktemp -d)
xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play "scenarios/$stem.ron" \
  --autoplay "scenarios/scripts/$stem.exemplary.ron" --screenshots "$out/shots" --sessions "$out/sessions" \
  --frame-stats --idle-secs 45 >"$out/stdout" 2>"$out/stderr" &
for _ in $(seq 1 900); do
  grep -q "autoplay: idle" "$out/stderr" 2>/dev/null && break
  sleep 0.2
done
sleep 5
pid=$(pgrep -x sevdrill)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep 30; t1=$(ticks)
echo "idle on the paused live screen: $(( (t1 - t0) * 1000 / (30 * hz) ))‰ of one core over 30 s ($((t1 - t0)) ticks at ${hz} Hz)"
wait
cat "$out/stdout"
rm -rf "$out"
