#!/bin/sh
# check-potfiles.sh: fails when a file with translatable strings is missing from
# po/POTFILES.in, or POTFILES.in names a file that is gone. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

top=${1:-$(dirname "$0")/..}
cd "$top"

listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^$/d' | LC_ALL=C sort > "$listed"
{
  grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
    --include='*.c' app data ui || true
  grep -rl 'translatable="yes"' --include='*.ui' ui app || true
  ls app/*.desktop.in app/*.metainfo.xml.in app/*.gschema.xml 2>/dev/null || true
} | LC_ALL=C sort -u > "$found"

echo "1..2"

missing=$(comm -13 "$listed" "$found")
if [ -z "$missing" ]; then
  echo "ok 1 every file with translatable strings is in po/POTFILES.in"
else
  echo "not ok 1 files with translatable strings missing from po/POTFILES.in"
  echo "$missing" | sed 's/^/# missing: /'
fi

gone=""
while read -r file; do
  [ -f "$file" ] || gone="$gone $file"
done < "$listed"
if [ -z "$gone" ]; then
  echo "ok 2 every file in po/POTFILES.in exists"
else
  echo "not ok 2 po/POTFILES.in names files that do not exist:$gone"
fi

if ! grep -v '^#' po/POTFILES.in | sed '/^$/d' | LC_ALL=C sort -c 2>/dev/null; then
  echo "# note: po/POTFILES.in is not sorted"
fi
