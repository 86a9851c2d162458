#!/usr/bin/env bash
# Runs a command inside a fresh private network namespace whose only interface is loopback, with
# multicast on and a route for 239.0.0.0/8, so multicast (WS-Discovery) works and no packet can
# leave the machine. Needs root (or user namespaces): `unshare -n` and `ip` from iproute2.
#   scripts/netns-run.sh node script.mjs [args...]
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/netns-run.sh COMMAND [ARGS...]" >&2
  exit 2
fi
exec unshare -n sh -c 'ip link set lo up && ip link set lo multicast on && ip route add 239.0.0.0/8 dev lo && exec "$@"' netns-run "$@"
