#!/usr/bin/env bash
# End to end: the real GUI, under Xvfb with software Vulkan, plays each shipped
# scenario's exemplary script through the same intents a person's clicks make,
# saves a screenshot of every screen, and the session it saves must score
# exactly as the headless `sevdrill run` scores the same script.
set -euo pipefail
bin="$1"
out="${2:-target/e2e}"
screens="1-library 2-setup 3-briefing 4-live 4-facilitator 4-live-presentation 5-live-end 6-review 7-debrief 8-replay 9-trends 10-fork-live 11-fork-debrief 12-library-recommended 13-briefing-carried"
passed=0
failed=0
for scenario in scenarios/*.ron; do
  stem=$(basename "$scenario" .ron)
  script="scenarios/scripts/$stem.exemplary.ron"
  dir="$out/$stem"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "-- $stem"
  if ! timeout 900 xvfb-run -a -s "-screen 0 1920x1080x24" \
      "$bin" play "$scenario" --autoplay "$script" --screenshots "$dir/shots" --sessions "$dir/sessions" \
      >"$dir/gui.log" 2>&1; then
    echo "FAIL $stem: the GUI did not finish; last lines:"; tail -20 "$dir/gui.log"
    failed=$((failed + 1)); continue
  fi
  ok=1
  for s in $screens; do
    # A real screenshot of a drawn screen is tens of kilobytes; an empty one is tiny.
    if [ ! -s "$dir/shots/$s.png" ] || [ "$(stat -c %s "$dir/shots/$s.png")" -lt 20000 ]; then
      echo "FAIL $stem: screenshot $s.png missing or blank"; ok=0
    fi
  done
  # Three journals: the drill, its fork (played on from the replay's moment)
  # and the team's next drill, stopped at its briefing.
  log=$(grep -L '"fork"' "$dir"/sessions/*.jsonl | xargs grep -l '"FinishReview"' | head -1)
  fork=$(grep -l '"fork"' "$dir"/sessions/*.jsonl | head -1)
  next=$(grep -L '"FinishReview"' "$dir"/sessions/*.jsonl | head -1)
  if [ -z "$fork" ] || ! "$bin" compare "$log" "$fork" --format json >"$dir/compare.json"; then
    echo "FAIL $stem: no fork journal, or it does not compare with its parent"; ok=0
  elif ! grep -q '"divergence"' "$dir/compare.json"; then
    echo "FAIL $stem: the comparison has no divergence"; ok=0
  fi
  if [ -z "$next" ] || ! grep -q '"carried"' "$next"; then
    echo "FAIL $stem: the team's next drill did not carry its action items"; ok=0
  fi
  "$bin" score "$log" --format json >"$dir/gui-session.json"
  "$bin" run "$scenario" --actions "$script" --format json >"$dir/cli-run.json"
  if ! cmp -s "$dir/gui-session.json" "$dir/cli-run.json"; then
    echo "FAIL $stem: the GUI's saved session scores differently from the headless run"
    diff "$dir/gui-session.json" "$dir/cli-run.json" | head -20
    ok=0
  fi
  # The debrief's export button wrote the report beside the journal.
  report="$dir/sessions/reports/$(basename "$log" .jsonl).html"
  if [ ! -s "$report" ] || [ "$(grep -o '<svg' "$report" | wc -l)" -ne 2 ]; then
    echo "FAIL $stem: the exported report $report is missing or lacks its charts"; ok=0
  fi
  if [ $ok = 1 ]; then passed=$((passed + 1)); echo "ok $stem"; else failed=$((failed + 1)); fi
done
# kill -9 in the middle of an incident: every action taken so far must be in
# the journal, which must still load and score.
echo "-- kill -9 mid-incident"
dir="$out/killed"
rm -rf "$dir"; mkdir -p "$dir"
xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play scenarios/payments-peak-outage.ron \
  --autoplay scenarios/scripts/payments-peak-outage.exemplary.ron \
  --screenshots "$dir/shots" --sessions "$dir/sessions" >"$dir/gui.log" 2>&1 &
# Under `set -e` and pipefail a missing journal must not end the script: count
# lines of whatever exists, 0 before the session file appears.
journal_lines() { { cat "$dir"/sessions/*.jsonl 2>/dev/null || true; } | wc -l; }
for _ in $(seq 1 600); do
  lines=$(journal_lines)
  [ "$lines" -ge 12 ] && break
  sleep 0.2
done
pkill -9 -x "$(basename "$bin")" || true
wait || true
log=$(ls "$dir"/sessions/*.jsonl 2>/dev/null | head -1 || true)
lines=$(journal_lines)
if [ -n "$log" ] && [ "$lines" -ge 12 ] && "$bin" score "$log" --format json >"$dir/score.json" && \
   [ "$(grep -c '"at"' "$log")" -eq $((lines - 1)) ]; then
  echo "ok killed session: $((lines - 1)) actions kept and re-scored"
  passed=$((passed + 1))
else
  echo "FAIL killed session: journal has $lines lines; last GUI output:"; tail -20 "$dir/gui.log"
  failed=$((failed + 1))
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
