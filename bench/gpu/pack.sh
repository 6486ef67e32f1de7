#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a GPU machine that has no .NET and no network, into .carry/
# (ignored by git; pass it to the device runner as a carried path):
#   .carry/rnngpu/                 framework-dependent Release publish of src/RnnGpu.Cli (RnnGpu.Cli.dll)
#   .carry/rnngpu-bench/           framework-dependent Release publish of bench/RnnGpu.Bench (GEMM harness), if it fits
#   .carry/dotnet-runtime.tar.xz   the .NET runtime this SDK runs on: dotnet, host/fxr/<v>, shared/Microsoft.NETCore.App/<v>
# Fails if the total is over 64 MiB (the device runner's limit) and prints the sizes.
#
#   bench/gpu/pack.sh            # then, on the GPU machine: bash bench/gpu/run.sh [outdir]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
carry=$repo/.carry
limit=$((64 * 1024 * 1024))
cd "$repo"

# The runtime that matches the target framework of the published apps.
line=$(dotnet --list-runtimes | grep '^Microsoft.NETCore.App ' | sort -V -k2 | tail -n1)
version=$(awk '{print $2}' <<<"$line")
shared=$(sed -E 's/.*\[(.*)\]$/\1/' <<<"$line")          # <root>/shared/Microsoft.NETCore.App
root=$(cd "$shared/../.." && pwd)
[ -x "$root/dotnet" ] && [ -d "$root/host/fxr/$version" ] && [ -d "$shared/$version" ] || {
  echo "pack.sh: runtime $version not found under $root" >&2; exit 1; }

rm -rf "$carry"
mkdir -p "$carry"

echo "pack.sh: publishing src/RnnGpu.Cli (Release, framework-dependent)"
dotnet publish src/RnnGpu.Cli/RnnGpu.Cli.csproj -c Release --no-self-contained -p:UseAppHost=false \
  -p:DebugType=none -o "$carry/rnngpu" -nologo -v quiet
rm -f "$carry"/rnngpu/*.xml
# Native assets (SkiaSharp, HarfBuzz for the training plots) of other platforms and satellite resource
# folders are not needed on the Linux x64 GPU machine.
find "$carry/rnngpu/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' -exec rm -rf {} +
find "$carry/rnngpu" -mindepth 1 -maxdepth 1 -type d ! -name runtimes -exec rm -rf {} +

echo "pack.sh: packing .NET runtime $version from $root"
tar -C "$root" -cf - dotnet LICENSE.txt ThirdPartyNotices.txt "host/fxr/$version" "shared/Microsoft.NETCore.App/$version" \
  | xz -T0 -9 >"$carry/dotnet-runtime.tar.xz"
echo "$version" >"$carry/dotnet-runtime.version"

size() { du -sb "$1" | awk '{print $1}'; }
total=$(size "$carry")

# The GEMM harness is optional: BenchmarkDotNet brings Roslyn along; keep it only if it fits.
echo "pack.sh: publishing bench/RnnGpu.Bench (optional)"
tmp=$(mktemp -d)
dotnet publish bench/RnnGpu.Bench/RnnGpu.Bench.csproj -c Release --no-self-contained -p:UseAppHost=false \
  -p:DebugType=none -o "$tmp/rnngpu-bench" -nologo -v quiet
rm -f "$tmp"/rnngpu-bench/*.xml
find "$tmp/rnngpu-bench/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' -exec rm -rf {} + 2>/dev/null || true
rm -rf "$tmp"/rnngpu-bench/amd64 \
  "$tmp"/rnngpu-bench/arm64 "$tmp"/rnngpu-bench/x86 "$tmp"/rnngpu-bench/*/Microsoft.CodeAnalysis*.resources.dll 2>/dev/null || true
bench_size=$(size "$tmp/rnngpu-bench")
if [ $((total + bench_size)) -le $limit ]; then
  mv "$tmp/rnngpu-bench" "$carry/rnngpu-bench"
else
  echo "pack.sh: leaving out rnngpu-bench ($((bench_size / 1024 / 1024)) MiB): it would pass the 64 MiB limit"
fi
rm -rf "$tmp"

total=$(size "$carry")
echo "pack.sh: contents of .carry/"
du -sh "$carry"/* | sed 's/^/  /'
printf 'pack.sh: total %.1f MiB of 64 MiB\n' "$(echo "$total / 1048576" | bc -l)"
if [ "$total" -gt "$limit" ]; then
  echo "pack.sh: .carry/ is over 64 MiB" >&2
  exit 1
fi
