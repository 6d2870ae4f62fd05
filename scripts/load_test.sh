#!/usr/bin/env bash
# Load test on loopback (issue 9; never part of the tests or CI):
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillsportal scripts/load_test.sh
# Against a seeded database (seed_demo --persons N), it makes the demo logins
# (seed_demo --demo-users) and a one-day API key for the HR officer's ministry,
# starts gunicorn on 127.0.0.1 (production settings, DEBUG=0), runs
# scripts/locustfile.py headless, prints p50/p95/p99 and errors per request type
# from locust's CSV, and stops gunicorn. Knobs (defaults):
#   USERS=200 SPAWN_RATE=20 DURATION=60s PORT=8123 WORKERS=8 THREADS=2 KEEP_ALIVE=10
#   LOAD_MODEL=realistic (people read 5-30 s between clicks; see the locustfile)
#              or capacity (the same mix, 0.5-2 s pauses: the requests/s ceiling)
#   OUT=/tmp/skillsportal-load-<time>  CSV, gunicorn and locust logs
#   NATIONAL_ID_KEY  the key the database was seeded with (seed_demo with DEBUG=1
#                    uses the development key, the default here)
#   REDIS_URL        set: Celery and the cache on Redis, plus one worker started
#                    here; empty (default): tasks run in the request (eager)
#   MFA_REQUIRED     must stay 0: locust signs in with a password, no TOTP code
# The per-key API throttle is lifted (API_THROTTLE_RATE), since every simulated
# system shares one key.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a seeded database (manage.py seed_demo --persons N)}"
USERS="${USERS:-200}"
SPAWN_RATE="${SPAWN_RATE:-20}"
DURATION="${DURATION:-60s}"
PORT="${PORT:-8123}"
WORKERS="${WORKERS:-8}"
THREADS="${THREADS:-2}"
OUT="${OUT:-/tmp/skillsportal-load-$(date -u +%Y%m%dT%H%M%SZ)}"
PY=.venv/bin/python
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=skillsportal.settings DEBUG=0 SECURE_SSL_REDIRECT=0
export ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="${SECRET_KEY:-load-test-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"
export NATIONAL_ID_KEY="${NATIONAL_ID_KEY:-development-only-national-id-key}"
export MFA_REQUIRED="${MFA_REQUIRED:-0}"
export API_THROTTLE_RATE="${API_THROTTLE_RATE:-1000000/min}"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
export STATIC_ROOT="${STATIC_ROOT:-/tmp/skillsportal-load-static}"
export REDIS_URL="${REDIS_URL:-}"
if [ "$MFA_REQUIRED" != 0 ]; then
  echo "load_test.sh: set MFA_REQUIRED=0 (locust cannot answer TOTP prompts)" >&2
  exit 2
fi

echo "== demo logins and an API key"
line=$($PY manage.py shell -v0 -c '
from io import StringIO
from django.core.management import call_command
from agencies.models import RoleAssignment
from agencies.services.api_keys import api_key_create
call_command("seed_demo", "--demo-users", stdout=StringIO())
hr = RoleAssignment.objects.select_related("agency").get(user__username="hr")
print(hr.agency.code, api_key_create(agency=hr.agency, name="load test", days=1)[1])
' | tail -n1)
read -r AGENCY KEY <<<"$line"
if [ -z "${KEY:-}" ]; then
  echo "load_test.sh: no API key; is the database seeded (seed_demo --persons N)?" >&2
  exit 1
fi

echo "== static files into $STATIC_ROOT"
$PY manage.py collectstatic --noinput -v0

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "== gunicorn on 127.0.0.1:$PORT ($WORKERS workers x $THREADS threads)"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "load_test.sh: something already answers on port $PORT (set PORT)" >&2
  exit 1
fi
.venv/bin/gunicorn skillsportal.wsgi --bind "127.0.0.1:$PORT" \
  --workers "$WORKERS" --threads "$THREADS" --timeout 60 --keep-alive "${KEEP_ALIVE:-10}" \
  --error-logfile "$OUT/gunicorn.log" --access-logfile "$OUT/access.log" \
  --access-logformat '%(t)s %(s)s %(M)sms "%(r)s"' &
pids+=($!)
if [ -n "$REDIS_URL" ]; then
  .venv/bin/celery -A skillsportal worker --loglevel=WARNING >"$OUT/worker.log" 2>&1 &
  pids+=($!)
fi
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || {
  echo "gunicorn did not answer; see $OUT/gunicorn.log" >&2
  exit 1
}

echo "== locust: $USERS users (+$SPAWN_RATE/s) for $DURATION"
set +e
LOAD_API_KEY="$KEY" LOAD_IMPORT_AGENCY="$AGENCY" .venv/bin/locust \
  -f scripts/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary \
  --stop-timeout 10 --reset-stats >"$OUT/locust.log" 2>&1
status=$?
set -e

$PY - "$OUT/locust_stats.csv" "$OUT/locust_failures.csv" <<'EOF'
import csv
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    stats = list(csv.DictReader(f))
print(f"{'request':<46} {'count':>7} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'rps':>6}")
for row in stats:
    name = f"{row['Type']} {row['Name']}".strip()
    print(
        f"{name[:46]:<46} {int(row['Request Count']):>7} {int(row['Failure Count']):>6}"
        f" {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {float(row['Requests/s']):>6.1f}"
    )
print("(response times in milliseconds)")
with open(sys.argv[2], encoding="utf-8") as f:
    failures = list(csv.DictReader(f))
for row in failures:
    print(f"error x{row['Occurrences']}: {row['Method']} {row['Name']}: {row['Error']}")
EOF
echo "== results in $OUT (locust exit status $status)"
exit "$status"
