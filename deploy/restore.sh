#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh into a fresh, empty database and an empty uploads folder,
# then renew the shared cache so no app process serves pages or pictures cached before.
#
#   createdb -h db -U postgres -O portal portal_restored
#   DATABASE_URL=postgres://portal@db:5432/portal_restored MEDIA_ROOT=/srv/portal/var/uploads \
#   REDIS_URL=redis://cache:6379/0 DJANGO_SETTINGS_MODULE=portal.settings.production \
#       deploy/restore.sh /backups/portal-20261128T010000Z
#
# Refuses a database that already has tables or an uploads folder that is not empty: a restore
# never mixes with live data. Point the app processes at the restored database afterwards (or
# rename it) and restart them. The last step runs manage.py with the portal's settings and
# REDIS_URL (set SECRET_KEY, ALLOWED_HOSTS… as for any manage.py call); SKIP_CACHE_RENEWAL=1
# leaves it to be done by hand (see docs/deploy.md).
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://… MEDIA_ROOT=… $0 BACKUP_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
backup=$1
root=$(cd "$(dirname "$0")/.." && pwd)
: "${DATABASE_URL:?DATABASE_URL must name the new, empty PostgreSQL database}"
media_root=${MEDIA_ROOT:-$root/var/uploads}
python=${PYTHON:-$root/.venv/bin/python}

[ -f "$backup/portal.dump" ] || { echo "restore.sh: no portal.dump in $backup" >&2; exit 2; }
if [ -f "$backup/SHA256SUMS" ]; then
    (cd "$backup" && sha256sum --quiet --check SHA256SUMS) || {
        echo "restore.sh: $backup is damaged (checksums differ)" >&2
        exit 1
    }
fi
tables=$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "restore.sh: the database already has $tables tables; restore into a new one (createdb)" >&2
    exit 1
fi
if [ -d "$media_root" ] && [ -n "$(ls -A "$media_root")" ]; then
    echo "restore.sh: $media_root is not empty; restore the uploads into an empty folder" >&2
    exit 1
fi

pg_restore --exit-on-error --no-owner --no-privileges --single-transaction \
    --dbname="$DATABASE_URL" "$backup/portal.dump"
mkdir -p "$media_root"
if [ -d "$backup/uploads" ]; then
    rsync -a "$backup/uploads/" "$media_root/"
fi

if [ "${SKIP_CACHE_RENEWAL:-}" = "1" ]; then
    echo "restore.sh: cache not renewed (SKIP_CACHE_RENEWAL=1)" >&2
else
    # Pages and feeds cached before show the old content (renew the tag every one carries), and the renditions cache
    # may name pictures the restored database does not have: renew the one, empty the other
    # (its own key prefix only, never the whole Redis database).
    (cd "$root" && "$python" manage.py shell -c '
from django.core.cache import caches
from core.cache_tags import renew_everything
renew_everything()
renditions = caches["renditions"]
renditions.delete_pattern("*") if hasattr(renditions, "delete_pattern") else renditions.clear()
print("restore.sh: cache renewed")
')
fi
echo "restore.sh: restored $backup into the database and $media_root"
