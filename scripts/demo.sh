#!/usr/bin/env bash
# Starts the whole control room on the embedded default: a fleet of simulated ONVIF/RTSP cameras,
# the ingest service, and the console (the Electron app where its binary is installed, otherwise the
# console served to a browser at the printed address). Ctrl-C stops everything.
#   CAMERAS=9 PORT=8640 pnpm demo
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

CAMERAS="${CAMERAS:-4}"
PORT="${PORT:-8640}"
RTSP_PORT="${RTSP_PORT:-8554}"
state=".var/demo"
mkdir -p "$state"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "[demo] starting $CAMERAS simulated cameras (RTSP from port $RTSP_PORT)"
rm -f "$state/fleet.json"
node apps/camera-sim/dist/main.js --cameras "$CAMERAS" --rtsp-port "$RTSP_PORT" \
  --main 1280x720 --sub 640x360 --fps 25 --user camera --password "cam-$(date +%s)" \
  --manifest "$state/fleet.json" >"$state/camera-sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$state/fleet.json" ] && break; sleep 0.1; done
[ -s "$state/fleet.json" ] || { echo "[demo] the camera simulator did not start; see $state/camera-sim.log"; exit 1; }

node scripts/fleet-config.mjs "$state/fleet.json" >"$state/cameras.json"

# Named accounts only: the demo makes one operator with a random password (kept in $state, never a
# default), and the ingest prints the one-time link for creating the administrator.
db="$state/cctv.sqlite"
if [ ! -s "$state/operator.txt" ]; then
  pw="$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')"
  printf '%s\n' "$pw" | node apps/ingest/dist/main.js create-user --db "$db" --username operator \
    --role operator --display-name "Demo Operator" >/dev/null
  printf '%s\n' "$pw" >"$state/operator.txt"
fi

echo "[demo] starting ingest on port $PORT"
node apps/ingest/dist/main.js --config "$state/cameras.json" --db "$db" --port "$PORT" \
  --console-dir apps/console/dist >"$state/ingest.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done

url="http://localhost:$PORT/"
electron_bin="apps/desktop/node_modules/electron/dist/electron"
if [ -x "$electron_bin" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "[demo] opening the console in the desktop app"
  CCTV_INGEST_URL="$url" "$electron_bin" apps/desktop/dist/main.js &
  pids+=($!)
else
  echo
  echo "  The control room is running. Open the console in Chromium or Chrome:"
  echo
  echo "      $url"
  echo
  echo "  (The Electron app opens by itself where its binary is installed and a display is present.)"
fi
echo "  Sign in as:  operator / $(cat "$state/operator.txt")"
setup_link="$(grep -o 'http://localhost:[0-9]*/#setup=[A-Za-z0-9_-]*' "$state/ingest.log" | head -n 1 || true)"
[ -n "$setup_link" ] && echo "  Create the administrator (once): $setup_link"
echo "  Logs: $state/*.log   Health: http://localhost:$PORT/health   Stop: Ctrl-C"
wait -n "${pids[@]}"
echo "[demo] a process ended; stopping the rest (see $state/*.log)"
