#!/bin/sh
# Seed an empty cache folder with the snapshot baked into the image, then refresh it: once (a Kubernetes
# CronJob), or every $KCA_REFRESH_EVERY seconds (deploy/compose.yaml). Arguments go to `python -m fetchers refresh`.
set -eu
dir="${CACHE_DIR:-/app/cache/data}"
seed="${KCA_SEED:-/app/seed}"
if [ ! -e "$dir/manifest.json" ]; then
  # The table first, then the manifest, each by a rename, as the cache writer does: a replica that reads the
  # folder meanwhile sees no manifest (no data yet) or a whole snapshot, never half of one.
  for f in observations.parquet manifest.json; do
    cp "$seed/$f" "$dir/.$f.seed" && mv "$dir/.$f.seed" "$dir/$f"
  done
  echo "kca-refresh: seeded $dir with the image's snapshot"
fi
while :; do
  status=0
  # Exit 1: some series failed and keep their last good rows (`python -m fetchers status` says which).
  python -m fetchers refresh "$@" || status=$?
  [ -n "${KCA_REFRESH_EVERY:-}" ] || exit "$status"
  sleep "$KCA_REFRESH_EVERY"
done
