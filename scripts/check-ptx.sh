#!/usr/bin/env bash
# Every kernel CUDA can launch, compiled by ILGPU's PTX backend (no GPU needed) for each architecture below and
# assembled by NVIDIA's ptxas; fails on a ptxas error, a spill, a tanh.approx, a bra.uni in an implicitly grouped
# kernel, or a GEMM/step kernel below its SASS bar. Writes artifacts/ptx/table.md (the table in bench/HISTORY.md, "GPU kernels on paper").
#
#   scripts/check-ptx.sh [--no-build] [--arch sm_90,sm_70]
#
# ptxas, cuobjdump: taken from PATH when present, else from Debian bookworm's nvidia-cuda-toolkit (11.8, component
# non-free), downloaded once with apt-get download and unpacked with dpkg -x into ~/.cache/rnngpu/cuda-toolkit
# (84 MB; nothing is installed). ptxas 11.8 accepts PTX ISA 7.8, which is what the kernels are compiled for here;
# on a real GPU ILGPU picks the ISA the driver supports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=1
archs="sm_90,sm_70"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --arch) archs="$2"; shift ;;
    *) echo "check-ptx: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

# Kernels held to the SASS bar of the GPU GEMM and step kernels: in the main loop (the innermost loop of the SASS that
# reads shared memory, scripts/sass-loop.awk) at least 8 FFMA per shared-memory load, all of them 128-bit; at most 128
# registers.
bar_kernels=" gemm.tiled rnn.step.tiled "
min_ffma_per_lds=8
max_regs=128

find_tools() {
  if command -v ptxas >/dev/null 2>&1 && command -v cuobjdump >/dev/null 2>&1; then
    PTXAS=$(command -v ptxas); CUOBJDUMP=$(command -v cuobjdump); return
  fi
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/rnngpu/cuda-toolkit"
  if [ ! -x "$cache/root/usr/bin/ptxas" ]; then
    echo "== fetching ptxas and cuobjdump (Debian bookworm nvidia-cuda-toolkit, non-free) into $cache"
    mkdir -p "$cache/lists/partial" "$cache/archives/partial"
    echo "deb http://deb.debian.org/debian bookworm contrib non-free" > "$cache/sources.list"
    local opts=(-q -o "Dir::Etc::SourceList=$cache/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$cache/lists" -o "Dir::Cache=$cache" -o APT::Sandbox::User=root)
    apt-get "${opts[@]}" update >/dev/null
    (cd "$cache" && apt-get "${opts[@]}" download nvidia-cuda-toolkit >/dev/null)
    rm -rf "$cache/root"
    dpkg -x "$cache"/nvidia-cuda-toolkit_*.deb "$cache/root"
    rm -f "$cache"/nvidia-cuda-toolkit_*.deb
  fi
  PTXAS="$cache/root/usr/bin/ptxas"; CUOBJDUMP="$cache/root/usr/bin/cuobjdump"
}

find_tools
echo "== $("$PTXAS" --version | tail -n 2 | head -n 1)"

out=artifacts/ptx
rm -rf "$out" && mkdir -p "$out"
if [ "$build" = 1 ]; then
  dotnet build -c Release bench/RnnGpu.Bench -v q -nologo >/dev/null
fi
dotnet bench/RnnGpu.Bench/bin/Release/net10.0/RnnGpu.Bench.dll ptx --out "$out" --arch "$archs"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
table="$out/table.md"
{
  echo "| kernel | arch | registers | spill bytes (st/ld) | static shared bytes | FFMA (kernel) | main loop: FFMA | LDS (128-bit) | FFMA per LDS |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$table"

IFS=',' read -r -a arch_list <<< "$archs"
while IFS=$'\t' read -r key method grouping cuda; do
  [ "$key" = key ] && continue
  [ "$cuda" = yes ] || continue
  for arch in "${arch_list[@]}"; do
    ptx="$out/$arch/$key.ptx"
    cubin="$out/$arch/$key.cubin"
    if ! log=$("$PTXAS" -arch="$arch" -v -warn-spills -o "$cubin" "$ptx" 2>&1); then
      fail "$arch $key: ptxas rejected it:"; echo "$log" | head -n 20
      continue
    fi
    regs=$(echo "$log" | sed -n 's/.*Used \([0-9]*\) registers.*/\1/p' | head -n1)
    spill_st=$(echo "$log" | sed -n 's/.* \([0-9]*\) bytes spill stores.*/\1/p' | sort -n | tail -n1)
    spill_ld=$(echo "$log" | sed -n 's/.* \([0-9]*\) bytes spill loads.*/\1/p' | sort -n | tail -n1)
    smem=$(echo "$log" | sed -n 's/.* \([0-9]*\) bytes smem.*/\1/p' | head -n1)
    sass=$("$CUOBJDUMP" -sass "$cubin")
    ffma=$(echo "$sass" | grep -c ' FFMA' || true)
    read -r loop_ffma lds lds128 < <(echo "$sass" | awk -f scripts/sass-loop.awk)
    ratio="-"
    if [ "$lds" -gt 0 ]; then ratio=$(awk -v f="$loop_ffma" -v l="$lds" 'BEGIN { printf "%.1f", f / l }'); fi
    echo "| $key | $arch | ${regs:-0} | ${spill_st:-0}/${spill_ld:-0} | ${smem:-0} | $ffma | $loop_ffma | $lds ($lds128) | $ratio |" >> "$table"
    [ "${spill_st:-0}" = 0 ] && [ "${spill_ld:-0}" = 0 ] || fail "$arch $key: spills (${spill_st:-0} bytes stored, ${spill_ld:-0} loaded)"
    if grep -q 'tanh\.approx' "$ptx"; then fail "$arch $key: tanh.approx (relative error ~2^-11) in its PTX"; fi
    if [ "$grouping" = implicit ] && grep -q 'bra\.uni' "$ptx"; then
      fail "$arch $key: implicitly grouped with bra.uni (ILGPU assumes the implicit index uniform; launch it explicitly grouped)"
    fi
    if [[ "$bar_kernels" == *" $key "* ]]; then
      if [ "$lds" = 0 ] || awk -v f="$loop_ffma" -v l="$lds" -v m="$min_ffma_per_lds" 'BEGIN { exit !(f < m * l) }'; then
        fail "$arch $key: main loop has $loop_ffma FFMA for $lds shared loads, below $min_ffma_per_lds per load"
      fi
      [ "$lds128" = "$lds" ] || fail "$arch $key: main loop has $lds shared loads, only $lds128 of them 128-bit (LDS.128)"
      [ "${regs:-0}" -le "$max_regs" ] || fail "$arch $key: ${regs} registers, above $max_regs"
    fi
  done
done < "$out/kernels.tsv"

for k in $bar_kernels; do
  grep -q "^$k	" "$out/kernels.tsv" || fail "$k: held to the SASS bar but not in the kernel catalog as a CUDA kernel"
done

cat "$table"
kernels=$(awk -F'\t' 'NR > 1 && $4 == "yes"' "$out/kernels.tsv" | wc -l)
if [ "$failures" -gt 0 ]; then
  echo "check-ptx: $failures failure(s) over $kernels kernels x ${#arch_list[@]} architectures"
  exit 1
fi
echo "check-ptx: $kernels kernels x ${#arch_list[@]} architectures assembled by ptxas: no errors, spills, tanh.approx or implicit bra.uni; SASS bar met by:$bar_kernels"
