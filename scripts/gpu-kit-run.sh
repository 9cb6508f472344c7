#!/bin/sh
# The GPU kit's one command (copied to .gpu-kit/run.sh by `npm run gpu-kit`), run on the NVIDIA
# machine from the checkout the kit sits in:
#
#   sh .gpu-kit/run.sh [--only 0,17,preset/saxpy] [--out FILE]
#
# Uses a Node >= 20 from PATH, else the one packed beside it (node.gz); builds the executor there
# (scripts/build-executor.mjs: cmake or g++, no download); then runs the verification with a fresh
# kernel cache, so the compile figures are cold ones. With $OUT set (the device machine's output
# folder), the report and the whole log go there unless --out says otherwise.
set -eu

# CDPATH unset: with it, `cd` prints the folder it chose, which would land in $kit.
kit=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
checkout=$(dirname "$kit")
cd "$checkout"

say() { printf '[gpu-kit] %s\n' "$*" >&2; }

# The unpacked Node and the fresh kernel cache live here, gone when the run ends: beside the kit,
# not in /tmp, which hardened servers mount noexec.
work=$(mktemp -d "$kit/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

node_ok() {
  "$1" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null
}

if command -v node >/dev/null 2>&1 && node_ok node; then
  NODE=$(command -v node)
elif [ -f "$kit/node.gz" ]; then
  mkdir "$work/bin"
  gzip -dc "$kit/node.gz" >"$work/bin/node"
  chmod +x "$work/bin/node"
  node_ok "$work/bin/node" || { say "the packed Node ($kit/node.gz) does not run here: $("$work/bin/node" --version 2>&1 | head -n 1)"; exit 1; }
  NODE=$work/bin/node
else
  say "no Node.js >= 20 on PATH and no node.gz in $kit: install Node 20+, or pack one with npm run gpu-kit (without --no-node)"
  exit 1
fi
say "node $("$NODE" --version) at $NODE"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,pcie.link.gen.current,pcie.link.width.current --format=csv,noheader >&2 || true
else
  say "nvidia-smi is not on PATH (the run still tries libcuda.so.1)"
fi
if command -v nvcc >/dev/null 2>&1; then say "$(nvcc --version | tail -n 1)"; fi

# NVRTC from a pip wheel (nvidia-cuda-nvrtc, as PyTorch images carry it) is on no loader path. The
# executor tries it last, after every toolkit it knows of (DUET_NVRTC_FALLBACK, cuda_api.cpp), so
# one search decides. A wheel has no cuda_fp16.h: f16 kernels then need CUDA_HOME's headers.
if [ -z "${DUET_NVRTC:-}" ]; then
  wheel=$(python3 -c 'import glob, site; dirs = site.getsitepackages() + [site.getusersitepackages()]; print(next(iter(sorted(f for d in dirs for f in glob.glob(d + "/nvidia/*/lib/libnvrtc.so.*") if "builtins" not in f)), ""))' 2>/dev/null || true)
  if [ -n "$wheel" ]; then
    DUET_NVRTC_FALLBACK=$wheel${DUET_NVRTC_FALLBACK:+:$DUET_NVRTC_FALLBACK}
    export DUET_NVRTC_FALLBACK
    say "NVRTC from a Python wheel, if no CUDA toolkit has one: $wheel"
  fi
fi

# A kit built from other sources than this checkout's says so now, not after the build.
"$NODE" "$kit/verify.mjs" --kit-check
say "building the executor"
"$NODE" scripts/build-executor.mjs --quiet >/dev/null

if [ -z "${DUET_CACHE_DIR:-}" ]; then
  DUET_CACHE_DIR=$work/kernels
  export DUET_CACHE_DIR
fi

has_out=no
for a in "$@"; do [ "$a" = "--out" ] && has_out=yes; done
if [ -n "${OUT:-}" ] && [ -d "$OUT" ]; then
  [ $has_out = yes ] || set -- "$@" --out "$OUT/gpu-verification.md"
  # The whole log to $OUT and to the caller (whose reply may keep only its end: the summary).
  status=0
  "$NODE" "$kit/verify.mjs" "$@" 2>"$OUT/verify.log" || status=$?
  cat "$OUT/verify.log" >&2
  exit $status
fi
"$NODE" "$kit/verify.mjs" "$@"
