#!/usr/bin/env bash
# Back up the portal's database: scripts/backup.sh [FILE]  (default: a dated file)
# Uses DATABASE_URL. The national ID key (NATIONAL_ID_KEY) is NOT in the dump and
# must be kept apart from it (PDPA): without it the blind index cannot be matched.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
out="${1:-skillsportal-$(date -u +%Y%m%dT%H%M%SZ).dump}"
pg_dump --format=custom --no-owner --no-privileges --file="$out" "$DATABASE_URL"
echo "$out"
