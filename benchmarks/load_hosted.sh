#!/usr/bin/env bash
# Requests per second of the hosted OB 2.0 assertion endpoint, measured with wrk on loopback.
# Start the app first (`make run`, or gunicorn for production-like numbers); the demo has awards.
#   benchmarks/load_hosted.sh [base-url] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://127.0.0.1:8000}"
SECONDS_="${2:-10}"
CONNECTIONS="${3:-8}"
command -v wrk >/dev/null || { echo "Install Debian's wrk: apt-get install wrk" >&2; exit 1; }
AWARD=$(.venv/bin/python manage.py shell --no-imports -c "from badges.models import Award; print(Award.objects.not_revoked().first().uuid)" | tail -1)
URL="$BASE/public/assertions/$AWARD"
curl -fsS -H 'Accept: application/ld+json' "$URL" >/dev/null
echo "GET $URL (Accept: application/ld+json), $CONNECTIONS connections, $SECONDS_ s"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" -H 'Accept: application/ld+json' "$URL"
