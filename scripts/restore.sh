#!/usr/bin/env bash
# Restore a dump made by backup.sh into DATABASE_URL (an empty or disposable database):
#   DATABASE_URL=postgres://.../skillsportal_restored scripts/restore.sh FILE
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
file="${1:?usage: restore.sh FILE}"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$file"
