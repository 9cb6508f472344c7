#!/bin/sh
# Installs the Duet daemon from this bundle (npm run daemon-bundle) on a Linux GPU box, as root:
#   sudo ./install.sh
# Copies the bundle to /opt/duet-daemon, builds the executor there (g++ or clang++, cmake when
# present; no CUDA toolkit needed to build), makes a token in /etc/duet/daemon-token unless one is
# there, installs deploy/duet-daemon.service and starts it. Needs Node >= 20 on PATH as
# /usr/bin/node (the unit's ExecStart). Docs: docs/hosts.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest=/opt/duet-daemon
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (sudo ./install.sh)" >&2; exit 1; }
[ "$(uname -s)" = Linux ] || { echo "install.sh: the systemd install is for Linux; on macOS run: node daemon/duet-daemon.mjs daemon (docs/hosts.md)" >&2; exit 1; }
node=/usr/bin/node
[ -x "$node" ] || { echo "install.sh: no $node (install Node >= 20, e.g. apt-get install nodejs)" >&2; exit 1; }
major=$("$node" -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "install.sh: Node $major is too old: Duet needs Node >= 20" >&2; exit 1; }
if [ "$here" != "$dest" ]; then
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -a "$here"/. "$dest"/
fi
"$node" "$dest/scripts/build-executor.mjs"
install -d -m 0700 /etc/duet
if [ ! -s /etc/duet/daemon-token ]; then
  umask 077
  "$node" -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url") + "\n")' > /etc/duet/daemon-token
  echo "install.sh: made a token in /etc/duet/daemon-token (clients need it: DUET_TOKEN)"
fi
install -m 0644 "$dest/deploy/duet-daemon.service" /etc/systemd/system/duet-daemon.service
systemctl daemon-reload
systemctl enable --now duet-daemon.service
echo "install.sh: started duet-daemon.service; check this machine with:"
echo "  $node $dest/daemon/duet-daemon.mjs daemon --check"
