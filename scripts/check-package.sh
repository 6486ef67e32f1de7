#!/usr/bin/env bash
# The package check: packs RnnGpu.Kernels, RnnGpu and the RnnGpu.Cli tool into a local feed (artifacts/package-check/feed)
# under a version of its own, then uses them as code outside this repository would:
#   1. builds tests/RnnGpu.PackageTests against the feed for net8.0 and net10.0 (each compiles against its own reference
#      pack and the package's asset for that framework) and runs both; the consumer checks which assets it got and trains a
#      small classifier. Where only the .NET 10 runtime is installed the net8.0 build runs on it (RollForward=Major);
#   2. installs the rnngpu tool from the feed into a tool path and runs `rnngpu --help` and a short `rnngpu train adding`.
# Restore reads the feed first, then the configured NuGet sources (ILGPU, the net8.0 reference pack) through the NuGet
# cache. Everything it writes stays under artifacts/package-check/. Usage: scripts/check-package.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
root="$PWD/artifacts/package-check"
# A version no earlier check used, so no package cache can hand back an older build.
version="0.1.0-check.$(date -u +%Y%m%d%H%M%S).$$"
global=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
rm -rf "$root"
mkdir -p "$root/feed"
start=$SECONDS

echo "== pack $version ($((SECONDS - start)) s)"
for p in kernels/RnnGpu.Kernels src/RnnGpu src/RnnGpu.Cli; do
  dotnet pack "$p" -c Release -p:PackageVersion="$version" -o "$root/feed" -v quiet -nologo
done
ls "$root/feed"
for id in RnnGpu.Kernels RnnGpu RnnGpu.Cli; do
  for ext in nupkg snupkg; do
    [ -f "$root/feed/$id.$version.$ext" ] || { echo "missing $id.$version.$ext" >&2; exit 1; }
  done
done
# What a package page shows: license, readme, documentation next to each assembly, both frameworks.
unzip -l "$root/feed/RnnGpu.$version.nupkg" > "$root/rnngpu-files.txt"
for f in README.md LICENSE lib/net8.0/RnnGpu.dll lib/net8.0/RnnGpu.xml lib/net10.0/RnnGpu.dll lib/net10.0/RnnGpu.xml; do
  grep -q " $f\$" "$root/rnngpu-files.txt" || { echo "RnnGpu package lacks $f" >&2; exit 1; }
done
unzip -p "$root/feed/RnnGpu.$version.nupkg" RnnGpu.nuspec | grep -q '<license type="expression">MIT</license>' \
  || { echo "RnnGpu package lacks its license expression" >&2; exit 1; }

echo "== consumer: build against the feed (net8.0, net10.0) ($((SECONDS - start)) s)"
dotnet build tests/RnnGpu.PackageTests -c Release --artifacts-path "$root/build" -nologo -v quiet \
  -p:RnnGpuVersion="$version" -p:RestoreAdditionalProjectSources="$root/feed" \
  -p:RestorePackagesPath="$root/packages" -p:RestoreFallbackFolders="$global"
for tfm in net8.0 net10.0; do
  echo "== consumer on $tfm"
  dotnet "$root/build/bin/RnnGpu.PackageTests/release_$tfm/RnnGpu.PackageTests.dll"
done

echo "== the rnngpu tool ($((SECONDS - start)) s)"
dotnet tool install RnnGpu.Cli --version "$version" --tool-path "$root/tool" --add-source "$root/feed" >/dev/null
"$root/tool/rnngpu" --help > "$root/help.txt"
grep -q '^  rnngpu \[command\] \[options\]' "$root/help.txt" || { cat "$root/help.txt"; echo "the usage line does not say rnngpu" >&2; exit 1; }
"$root/tool/rnngpu" train adding --steps 2 --batch 8 --hidden 8 --accelerator cpu --out "$root/run" > "$root/train.txt"
for f in metrics.csv loss.png grad_norm.png; do
  [ -s "$root/run/$f" ] || { cat "$root/train.txt"; echo "rnngpu train adding wrote no $f" >&2; exit 1; }
done
echo "package check passed in $((SECONDS - start)) s"
