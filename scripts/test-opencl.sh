#!/usr/bin/env bash
# Runs RnnGpu on OpenCL through PoCL 6 (Debian trixie) in a chroot, since older PoCL builds
# lack the generic address space ILGPU needs.
#
#   scripts/test-opencl.sh                 # build, then run the test suite with RNNGPU_ACCELERATOR=opencl
#   scripts/test-opencl.sh --filter EXPR   # the same, narrowed (dotnet test's filter syntax)
#
# The root has no network, so the suites that pack and restore NuGet packages (trait Suite=Packaging) are always
# left out: a given --filter is combined with Suite!=Packaging.
#   scripts/test-opencl.sh -- CMD ARGS...  # run any command (from the repository root) in the chroot
#
# The root is built once with debootstrap (needs root) and reused: RNNGPU_POCL_ROOT overrides
# its location. The repository, the .NET install and the NuGet cache are bind-mounted at their
# own paths; everything mounted is unmounted on exit, whatever happens.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${RNNGPU_POCL_ROOT:-$HOME/.cache/rnngpu/pocl-trixie}
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
nuget_dir=${NUGET_PACKAGES:-$HOME/.nuget/packages}

if [ "$(id -u)" != 0 ]; then
  echo "test-opencl.sh: needs root (debootstrap, mount, chroot)" >&2
  exit 2
fi

mirror() {
  # The Debian mirror the machine's apt sources already use: only active source files (*.list, *.sources),
  # only a Debian archive (not security, not third-party repositories).
  local m files
  files=$(ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  m=$(grep -hoE '^(URIs:|deb)\s+\S+' $files 2>/dev/null \
      | awk '{print $2}' | grep -E '/debian/?$' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

if [ ! -f "$root/.rnngpu-ready" ]; then
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  rm -rf "$root"
  mkdir -p "$(dirname "$root")"
  echo "test-opencl.sh: creating a Debian trixie root with PoCL in $root"
  debootstrap --variant=minbase \
    --include=pocl-opencl-icd,ocl-icd-libopencl1,libicu76,ca-certificates \
    trixie "$root" "$(mirror)" >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; exit 1; }
  touch "$root/.rnngpu-ready"
fi
# ILGPU loads the library by the name "OpenCL".
ln -sf libOpenCL.so.1 "$root/usr/lib/x86_64-linux-gnu/libOpenCL.so"

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

bind() { # bind SRC -> same path inside the root
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  mounted+=("$root$1")
}
mkdir -p "$root/proc" "$root/sys"
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
bind /sys
bind /dev
bind "$dotnet_dir"
mkdir -p "$nuget_dir"
bind "$nuget_dir"
bind "$repo"
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"

in_root() {
  chroot "$root" /usr/bin/env -i \
    PATH="$dotnet_dir:/usr/local/bin:/usr/bin:/bin" HOME=/root DOTNET_ROOT="$dotnet_dir" \
    NUGET_PACKAGES="$nuget_dir" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 RNNGPU_ACCELERATOR="${RNNGPU_ACCELERATOR:-opencl}" \
    /bin/bash -c 'cd "$1" && shift && exec "$@"' bash "$repo" "$@"
}

if [ "${1:-}" = "--" ]; then
  shift
  in_root "$@"
else
  # Build outside (NuGet reachable there), test inside, without the suites the offline root cannot run.
  args=() filter=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --filter) filter="$2"; shift 2 ;;
      --filter=*) filter="${1#--filter=}"; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  filter="${filter:+($filter)&}Suite!=Packaging"
  (cd "$repo" && dotnet build tests/RnnGpu.Tests -c Release -nologo -v q)
  in_root dotnet test tests/RnnGpu.Tests -c Release --no-build --no-restore --filter "$filter" "${args[@]}"
fi
