#!/usr/bin/env bash
# install-deps.sh - installs what simul needs to build and run, and nothing
# that is already there.
#
#   scripts/install-deps.sh          build and runtime packages
#   scripts/install-deps.sh --test   the same, plus what the tests need
#   scripts/install-deps.sh --fuzz   the same, plus clang and its libFuzzer
#                                    runtime (the fuzz target, tests/fuzz)
#
# Each package is checked first (pkg-config for libraries that ship a .pc
# file, dpkg or the command itself for the rest); apt-get runs only when
# something is missing, so `make run` on a ready machine asks for no password.
# Debian/Ubuntu only: elsewhere it prints what to install and stops.
set -euo pipefail

want_test=0
want_fuzz=0
for arg in "$@"; do
  case "$arg" in
  --test) want_test=1 ;;
  --fuzz) want_fuzz=1 ;;
  -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "install-deps.sh: error: unknown argument '$arg' (expected --test or --fuzz)" >&2
    exit 2
    ;;
  esac
done

# package:check — the check is "pc=NAME" (pkg-config module), "cmd=NAME" (a
# command on PATH), "file=PATH", or empty (dpkg only).
build_pkgs=(
  "build-essential:cmd=cc"
  "cmake:cmd=cmake"
  "pkg-config:cmd=pkg-config"
  "libsdl2-dev:pc=sdl2"
  "libsdl2-ttf-dev:pc=SDL2_ttf"
  "libsdl2-image-dev:pc=SDL2_image"
  "libyaml-dev:pc=yaml-0.1"
  "libcjson-dev:pc=libcjson"
  "libcsv-dev:file=/usr/include/csv.h"
  "libplplot-dev:pc=plplot"
  "plplot-driver-cairo:"
  "libfontconfig-dev:pc=fontconfig"
  "fonts-dejavu-core:file=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
test_pkgs=(
  "libcmocka-dev:pc=cmocka"
  "python3:cmd=python3"
  "xvfb:cmd=Xvfb"
  "xauth:cmd=xauth"
  "xdotool:cmd=xdotool"
  "imagemagick:"
  "x11-utils:cmd=xdpyinfo"
  "locales:file=/usr/share/i18n/locales/de_DE"
  "parallel:cmd=parallel"
  "clang-format:cmd=clang-format"
)
# The fuzz target needs clang's -fsanitize=fuzzer, whose runtime Debian ships
# apart from the compiler.
fuzz_pkgs=(
  "clang:cmd=clang"
  "libclang-rt-14-dev:"
)

dpkg_installed() {
  command -v dpkg-query >/dev/null 2>&1 &&
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# A package counts as present when dpkg says so, or when what it provides is
# there anyway (built from source, another distribution).
present() {
  local pkg=$1 check=$2
  dpkg_installed "$pkg" && return 0
  case "$check" in
  pc=*) command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "${check#pc=}" ;;
  cmd=*) command -v "${check#cmd=}" >/dev/null 2>&1 ;;
  file=*) [ -e "${check#file=}" ] ;;
  *) return 1 ;;
  esac
}

missing=()
pkgs=("${build_pkgs[@]}")
if [ "$want_test" = 1 ]; then pkgs+=("${test_pkgs[@]}"); fi
if [ "$want_fuzz" = 1 ]; then pkgs+=("${fuzz_pkgs[@]}"); fi
for entry in "${pkgs[@]}"; do
  pkg=${entry%%:*}
  check=${entry#*:}
  present "$pkg" "$check" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps.sh: missing: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: error: no apt-get here; install the equivalents of: ${missing[*]}" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps.sh: error: not root and no sudo; as root run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
