#!/usr/bin/env bash
# RnnGpu on CUDA against cuDNN, on a GPU machine with CUDA and PyTorch but no .NET and no network.
# Needs .carry/ from bench/gpu/pack.sh (carried with the working tree). Writes everything under
# the given folder, else $OUT, else artifacts/gpu (ignored by git):
#   env.txt               date, nvidia-smi, runtime version
#   devices.txt           rnngpu devices
#   verify.log            rnngpu verify on the accelerator: every GEMM variant and recurrence algorithm against the
#                         float64 reference, first; the timed steps are skipped if it fails
#   rnngpu-<cell>-256.json/.md        validate-then-time at I = H = 256, B = 64, T = 100 on CUDA
#   rnngpu-deepbench-<cell>.json/.md  --suite deepbench on CUDA
#   rnngpu-smallbatch-<cell>-<persistent|per-step>.json/.md
#                         --suite smallbatch (H = 512, 1024; B = 4, 8, 16; T = 25) with the persistent forward
#                         kernel forced and with one launch per step, for LSTM and GRU (SMALL_CELLS)
#   torch.json, torch.md  bench/torch_rnn_bench.py (cuDNN, TF32 off and on) with the RnnGpu/cuDNN ratio table
#   summary.md            all markdown tables; also printed at the end
#
#   rnngpu-ctc.json/.log, torch-ctc.log  rnngpu bench ctc and bench/torch_ctc_bench.py --device cuda
#   rnngpu-gnmt.json/.log, torch-gnmt.log  rnngpu bench gnmt and bench/torch_gnmt_bench.py --device cuda
#   bash bench/gpu/run.sh [outdir] [step...]     steps: devices verify single deepbench smallbatch ctc gnmt torch (default: all)
# Environment: CELLS (default "lstm gru rnn_tanh"), SMALL_CELLS (default "lstm gru"), REPS (default 10),
# TORCH_REPS (default 20), ACCELERATOR (default cuda).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-${OUT:-$repo/artifacts/gpu}}
shift || true
steps=${*:-devices verify single deepbench smallbatch ctc gnmt torch}
carry=${RNNGPU_CARRY:-$repo/.carry}
cells=${CELLS:-lstm gru rnn_tanh}
small_cells=${SMALL_CELLS:-lstm gru}
reps=${REPS:-10}
torch_reps=${TORCH_REPS:-20}
accel=${ACCELERATOR:-cuda}
mkdir -p "$out"
status=0

[ -f "$carry/dotnet-runtime.tar.xz" ] && [ -f "$carry/rnngpu/RnnGpu.Cli.dll" ] || {
  echo "run.sh: $carry lacks the runtime or the CLI; run bench/gpu/pack.sh first and carry .carry" >&2; exit 2; }

# The .NET runtime, unpacked once per machine.
rt=${TMPDIR:-/tmp}/rnngpu-dotnet-$(cat "$carry/dotnet-runtime.version")
if [ ! -x "$rt/dotnet" ]; then
  mkdir -p "$rt.partial" && tar -xJf "$carry/dotnet-runtime.tar.xz" -C "$rt.partial" && mv "$rt.partial" "$rt" || {
    echo "run.sh: cannot unpack the .NET runtime" >&2; exit 1; }
fi
export DOTNET_ROOT=$rt DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0
unset RNNGPU_ACCELERATOR
rnngpu() { "$rt/dotnet" "$carry/rnngpu/RnnGpu.Cli.dll" "$@"; }

run() { # run NAME CMD...: log to $out/NAME.log, keep going on failure
  local name=$1; shift
  echo "== $name: $*"
  if ! "$@" 2>&1 | tee "$out/$name.log"; then
    echo "run.sh: $name failed (see $out/$name.log)" >&2
    status=1
  fi
}

{
  date -u +%Y-%m-%dT%H:%M:%SZ
  uname -a
  echo ".NET runtime $(cat "$carry/dotnet-runtime.version")"
  nvidia-smi 2>&1 || echo "nvidia-smi not available"
} >"$out/env.txt"
head -n 1 "$out/env.txt"

for step in $steps; do
  case $step in
    devices)
      run devices rnngpu devices
      cp "$out/devices.log" "$out/devices.txt" ;;
    verify)
      # Correct before fast: every kernel that can run here against the float64 reference, before anything is timed.
      run verify rnngpu verify --accelerator "$accel"
      if ! grep -q " 0 failed" "$out/verify.log"; then
        echo "run.sh: verify failed on $accel; not timing kernels that are wrong (see $out/verify.log)" >&2
        status=1
        break
      fi ;;
    single)
      for cell in $cells; do
        run "rnngpu-$cell-256" rnngpu bench --accelerator "$accel" --cell "$cell" --input 256 --hidden 256 --batch 64 --seq 100 \
          --reps "$reps" --json "$out/rnngpu-$cell-256.json" --markdown "$out/rnngpu-$cell-256.md"
      done ;;
    deepbench)
      for cell in $cells; do
        run "rnngpu-deepbench-$cell" rnngpu bench --accelerator "$accel" --cell "$cell" --suite deepbench \
          --reps "$reps" --json "$out/rnngpu-deepbench-$cell.json" --markdown "$out/rnngpu-deepbench-$cell.md"
      done ;;
    smallbatch)
      # The persistent forward kernel against one launch per step at small batches. With --step persistent a
      # size whose W_hh slice does not fit a group's shared memory runs per step; the "path" column says so.
      for cell in $small_cells; do
        for mode in persistent per-step; do
          run "rnngpu-smallbatch-$cell-$mode" rnngpu bench --accelerator "$accel" --cell "$cell" --suite smallbatch \
            --step "$mode" --reps "$reps" --json "$out/rnngpu-smallbatch-$cell-$mode.json" \
            --markdown "$out/rnngpu-smallbatch-$cell-$mode.md"
        done
      done ;;
    ctc)
      # Losses.Ctc (validated against the float64 reference first) and PyTorch's ctc_loss on the GPU at the same sizes.
      run rnngpu-ctc rnngpu bench ctc --accelerator "$accel" --reps "$reps" --json "$out/rnngpu-ctc.json"
      run torch-ctc python3 "$repo/bench/torch_ctc_bench.py" --device cuda --reps "$torch_reps" ;;
    gnmt)
      # GNMT v2 (the attention and LSTM kernels validated first) and the same architecture in PyTorch, on the GPU.
      run rnngpu-gnmt rnngpu bench gnmt --accelerator "$accel" --reps "$reps" --json "$out/rnngpu-gnmt.json"
      run torch-gnmt python3 "$repo/bench/torch_gnmt_bench.py" --device cuda --reps "$reps" ;;
    torch)
      # shellcheck disable=SC2086
      run torch python3 "$repo/bench/torch_rnn_bench.py" --cells $(printf '%s\n' $cells $small_cells | sort -u) --reps "$torch_reps" \
        --json "$out/torch.json" --markdown "$out/torch.md" --rnngpu $(ls "$out"/rnngpu-*.json 2>/dev/null) ;;
    *)
      echo "run.sh: unknown step '$step' (devices verify single deepbench smallbatch ctc gnmt torch)" >&2; exit 2 ;;
  esac
done

{
  echo "# RnnGpu on $accel vs cuDNN ($(head -n 1 "$out/env.txt"))"
  for f in "$out"/devices.txt "$out"/verify.log "$out"/rnngpu-ctc.log "$out"/torch-ctc.log "$out"/rnngpu-gnmt.log "$out"/torch-gnmt.log "$out"/rnngpu-*-256.md "$out"/rnngpu-deepbench-*.md "$out"/rnngpu-smallbatch-*.md "$out"/torch.md; do
    [ -f "$f" ] || continue
    printf '\n## %s\n\n' "$(basename "$f")"
    cat "$f"
  done
} >"$out/summary.md"
echo
cat "$out/summary.md"
exit $status
