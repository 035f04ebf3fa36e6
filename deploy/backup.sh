#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format), then the uploads folder.
#
#   DATABASE_URL=postgres://portal@db:5432/portal MEDIA_ROOT=/srv/portal/var/uploads \
#       deploy/backup.sh /backups
#
# Writes /backups/portal-<UTC time>/ holding portal.dump, uploads/ and SHA256SUMS, and prints
# that folder; needs pg_dump (of the server's major version) and rsync. The database is dumped first and the files copied after: every file a row of
# the dump names was written before the dump began, so it is in the copy (a file uploaded
# meanwhile is copied too, and nothing refers to it after a restore; the other order could
# leave rows naming files that are missing). pg_dump reads one consistent snapshot while the
# portal keeps serving and writing. Uploads kept in object storage are not copied here: see
# docs/deploy.md (versioned bucket). Restore with deploy/restore.sh.
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://… [MEDIA_ROOT=var/uploads] $0 DEST_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
dest_root=$1
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case $DATABASE_URL in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not PostgreSQL; this procedure is for production's database" >&2; exit 2 ;;
esac
media_root=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/uploads}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$dest_root/portal-$stamp"
partial="$target.partial"  # renamed when complete, so a half-written backup never looks whole
if [ -e "$target" ] || [ -e "$partial" ]; then
    echo "backup.sh: $target already exists (two backups in one second?)" >&2
    exit 1
fi
umask 077  # the dump holds commenters' emails: readable by the backup's owner only
mkdir -p "$partial"

pg_dump --format=custom --file="$partial/portal.dump" "$DATABASE_URL"

mkdir -p "$partial/uploads"
# Files unchanged since the previous backup in DEST_DIR become hard links to it: each night
# costs only the new uploads, and every backup folder still holds them all.
previous=$(find "$dest_root" -maxdepth 1 -type d -name 'portal-*' ! -name '*.partial' | sort | tail -n 1)
link_dest=()
if [ -n "$previous" ] && [ -d "$previous/uploads" ]; then
    link_dest=(--link-dest="$(cd "$previous/uploads" && pwd)")
fi
if [ -d "$media_root" ]; then
    rsync -a "${link_dest[@]}" "$media_root/" "$partial/uploads/"
else
    echo "backup.sh: no uploads folder at $media_root (object storage?): database only" >&2
fi

(cd "$partial" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 -r sha256sum >SHA256SUMS)
mv "$partial" "$target"
echo "$target"
