#!/usr/bin/env bash
# Installs or starts what the test suite needs and a fresh machine may lack:
# Debian's Chromium (browser tests) and the local PostgreSQL (storage contract tests).
# Runs before `npm test` (npm's pretest hook); safe to run again.
set -u

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prerequisites: installing Debian's chromium for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "test-prerequisites: could not install chromium; browser tests will be skipped outside CI" >&2
  else
    echo "test-prerequisites: chromium is missing and cannot be installed here (need root and apt-get); browser tests will be skipped outside CI" >&2
  fi
fi

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "test-prerequisites: starting the local PostgreSQL..."
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 20); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
  fi
fi
exit 0
