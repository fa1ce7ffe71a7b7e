#!/usr/bin/env bash
# Make a local stand-in for python:3.11-slim from Debian's own packages, for a machine that reaches a Debian
# mirror but not Docker Hub (an offline CI runner, say). Both are Debian 12 with Python 3.11 and pip.
# The stand-in is not the official image: Python comes from Debian (/usr/bin, 3.11.2), not /usr/local.
# Usage: bash deploy/standin-python-image.sh [tag]   (then: docker build --build-arg PYTHON_IMAGE=<tag> .)
set -euo pipefail
tag="${1:-kca-standin/python:3.11-slim}"
root="$(mktemp -d)"
chmod 755 "$root"  # it becomes the image's /, which every user must be able to enter
trap 'rm -rf "$root"' EXIT

debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates bookworm "$root" \
  http://deb.debian.org/debian >/dev/null
# As in the official image: `python` and `pip` on the PATH, and pip may install into the system Python.
ln -sf python3 "$root/usr/bin/python"
rm -f "$root/usr/lib/python3.11/EXTERNALLY-MANAGED"
# This machine's CA bundle, so pip inside a build trusts the same registry mirror or proxy as the host.
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import -c 'CMD ["python3"]' - "$tag" >/dev/null
echo "$tag"
