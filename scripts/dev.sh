#!/usr/bin/env bash
# One entry point for a fresh Debian / Raspberry Pi OS machine:
#   bash scripts/dev.sh demo   set up, then run a simulated lunch service
#   bash scripts/dev.sh test   set up, then lint and run the whole test suite
#   bash scripts/dev.sh bench  set up, then run the benchmarks (tests/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

need_apt=()
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
command -v gcc >/dev/null || need_apt+=(gcc)
[ -f /usr/include/linux/input.h ] || need_apt+=(linux-libc-dev)
python3 -c 'import sysconfig,os,sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"],"Python.h")) else 1)' 2>/dev/null || need_apt+=(python3-dev)
# Raster-only receipts are read with Tesseract (English data) through tesserocr,
# which builds against these headers where no wheel fits; hwsim draws its
# raster receipts in DejaVu Sans Mono.
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] \
  || ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-eng)
[ -f /usr/include/tesseract/baseapi.h ] || need_apt+=(libtesseract-dev)
[ -f /usr/include/leptonica/allheaders.h ] || need_apt+=(libleptonica-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need_apt+=(fonts-dejavu-core)
# The test suite drives a real python-evdev InputDevice under umockdev.
if [ "${1:-demo}" = test ]; then command -v umockdev-run >/dev/null || need_apt+=(umockdev); fi
# The console's browser tests drive Debian's Chromium (Playwright never downloads one).
if [ "${1:-demo}" = test ]; then [ -x /usr/bin/chromium ] || need_apt+=(chromium); fi
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# The pinned versions (scripts/constraints.txt), so this machine runs what the
# suite passed with; a change to either file reinstalls.
stamp="$VENV/.installed-$(cat pyproject.toml scripts/constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -c scripts/constraints.txt -e '.[test]'
  touch "$stamp"
fi

cmd="${1:-demo}"; shift || true
case "$cmd" in
  demo)  exec "$VENV/bin/agent" demo "$@" ;;
  test)
    "$VENV/bin/ruff" check agent drivers sync hwsim tests
    exec "$VENV/bin/python" -m pytest -n 2 "$@" ;;
  bench) exec "$VENV/bin/python" -m tests.bench "$@" ;;
  *) echo "usage: $0 demo|test|bench" >&2; exit 2 ;;
esac
