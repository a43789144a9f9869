#!/bin/sh
# The bundled runbooks' smoke check: `./scripts/smoke.sh FLOW` (signup,
# invoice, order). Run from the repository root, as firedrill does.
#
# With SMOKE_BASE_URL set, it requests $SMOKE_BASE_URL/health/FLOW and
# passes on an HTTP 2xx. Without it, it is a demo: it says that nothing was
# checked and exits 0, so `r` shows how a check runs in a practice drill.
# Replace it with your own checks before a real incident.
set -eu
flow=${1:-}
case "$flow" in
  signup | invoice | order) ;;
  *)
    echo "usage: $0 signup|invoice|order" >&2
    exit 2
    ;;
esac
if [ -z "${SMOKE_BASE_URL:-}" ]; then
  echo "demo: nothing was checked (set SMOKE_BASE_URL to check a real service)"
  echo "demo: would request /health/$flow and pass on HTTP 2xx"
  exit 0
fi
url="${SMOKE_BASE_URL%/}/health/$flow"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 20 "$url") || {
  echo "$flow: $url did not answer" >&2
  exit 1
}
echo "$flow: HTTP $code from $url"
case "$code" in
  2*) exit 0 ;;
  *) exit 1 ;;
esac
