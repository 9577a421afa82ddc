#!/usr/bin/env bash
# A game day with four people at their own browsers, as a facilitator runs it:
# `sevdrill host` with its window under Xvfb shows one QR code per person;
# the codes are read off the room view's picture (zbarimg) — not from the
# links file — and four headless Chromium seats (two phones, a tablet, a
# laptop) open them and play payments-peak-outage through its review at the
# same time (examples/room_walkthrough.rs). Then: every person's actions are
# in the journal from their seat, the journal replays with `sevdrill score`,
# the room view reached the debrief, and pictures of the room, the
# facilitator's window and every seat are left in OUT.
#
#   bash .ci/room-walkthrough.sh SEVDRILL_BIN WALKTHROUGH_BIN [OUT]
set -euo pipefail
bin="$1"
walk="$2"
out="${3:-target/room-walkthrough}"
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

cat >"$out/run.sh" <<INNER
set -euo pipefail
"$bin" host payments-peak-outage --listen 127.0.0.1:0 --seed 7 --speed 10 \
  --participant Ana=ic --participant Rhys=comms --participant Mei=tech --participant Sam=scribe \
  --team walkthrough --sessions "$out/sessions" --links-file "$out/links.json" --screenshots "$out/shots" \
  >"$out/host.log" 2>&1 &
host=\$!
trap 'kill \$host 2>/dev/null || true; kill \$driver 2>/dev/null || true' EXIT
for _ in \$(seq 1 120); do [ -s "$out/shots/room-briefing.png" ] && break; sleep 0.5; done
[ -s "$out/shots/room-briefing.png" ] || { echo "FAIL: the room view never drew its briefing"; tail -20 "$out/host.log"; exit 1; }
# What a phone's camera would read off the projector.
zbarimg -q --raw "$out/shots/room-briefing.png" >"$out/qr-links.txt" || true
n=\$(grep -c . "$out/qr-links.txt" || true)
[ "\$n" = 4 ] || { echo "FAIL: \$n QR codes read off the room view, 4 expected"; cat "$out/qr-links.txt"; exit 1; }
while read -r link; do
  grep -qF "\$link" "$out/links.json" || { echo "FAIL: a QR code holds a link the host did not issue: \$link"; exit 1; }
done <"$out/qr-links.txt"
port=\$((20000 + RANDOM % 20000))
chromedriver --port=\$port >/dev/null 2>&1 &
driver=\$!
sleep 1
"$walk" "$out/qr-links.txt" "$out/seats" "http://127.0.0.1:\$port"
# Let the room view settle on the debrief and be pictured there.
for _ in \$(seq 1 40); do [ -s "$out/shots/room-debrief.png" ] && break; sleep 0.5; done
sleep 4
INNER
timeout 900 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$out/run.sh"

[ -s "$out/shots/room-debrief.png" ] || { echo "FAIL: the room view never showed the debrief"; exit 1; }
journal=$(ls "$out"/sessions/*.jsonl)
for who in Ana:ic Rhys:comms Mei:tech Sam:scribe; do
  name=${who%%:*}; role=${who##*:}
  grep -q "\"by\":\"$name\",\"role\":\"$role\".*\"via\":\"seat\"" "$journal" \
    || { echo "FAIL: no action of $name as $role from a seat in the journal"; exit 1; }
done
grep -q '"FinishReview"' "$journal" || { echo "FAIL: the review was not finished"; exit 1; }
"$bin" score "$journal" >"$out/score.txt"
"$bin" report "$journal" --format html >"$out/report.html"
grep -q 'Severity calls, person by person' "$out/report.html" || { echo "FAIL: the report lists no severity calls"; exit 1; }
echo "room walk-through: 4 seats joined by QR code and played through the review; $(grep -c . "$journal") journal lines; $(head -1 "$out/score.txt")"
