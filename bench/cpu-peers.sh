#!/usr/bin/env bash
# RnnGpu against its CPU peers in one run, on the same cores: one-layer, one-direction LSTMs (float32) timed by
#   (a) RnnGpu: `rnngpu bench` (validates against the float64 reference, then times inference forward and a training step);
#   (b) PyTorch from the system Python (Debian: python3-torch, libopenblas0): bench/torch_cpu_bench.py, with
#       OPENBLAS_NUM_THREADS=2 and torch.set_num_threads(1) (its GEMMs on both cores through OpenBLAS), forward under
#       no_grad and a training step (forward + backward of a fixed upstream gradient), after a float64 check of its forward;
#   (c) ONNX Runtime for .NET, CPU provider, IntraOpNumThreads=2, forward only: `RnnGpu.Bench ort` exports RnnGpu's model
#       with RnnGpu's ONNX exporter, checks ONNX Runtime's outputs against RnnGpu's (fails above 1e-4 relative), then times.
# Per size the three run back to back (RnnGpu, ONNX Runtime, PyTorch), so a change of load hits them alike.
# Sizes I/H/B/T: 256/256/1/100 (streaming; the table adds microseconds per step), 32/64/100/50, 512/512/16/50, 256/256/64/100.
# Prints `uptime` at start and end and a markdown table; ratio = peer ms / RnnGpu ms (above 1: RnnGpu faster; the goal is
# at least 0.5). About 1-2 minutes on two cores, plus the build.
#
#   bench/cpu-peers.sh [--out DIR] [--reps N] [--accelerator SPEC] [--size I,H,B,T]... [--no-build]
#
#   --out DIR          where the JSON files, logs, peers.md and peers.json go (default artifacts/cpu-peers/<UTC time>)
#   --reps N           timed repetitions of each measurement, median reported (default 11)
#   --accelerator SPEC the accelerator `rnngpu bench` times (default cpu). opencl runs it on PoCL through
#                      scripts/test-opencl.sh (root; the Debian trixie root with PoCL 6), so --out must lie inside the
#                      repository (the root sees only that); ONNX Runtime's check then compares with the CPU accelerator.
#   --size I,H,B,T     replaces the default sizes (repeat for several)
#   --no-build         use the Release build as it is (default: dotnet build -c Release of bench/RnnGpu.Bench first,
#                      which builds the rnngpu command with it)
# Environment: TORCH_PYTHON, the Python with torch (default /usr/bin/python3: the system one, not a pyenv/venv python).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=
reps=11
accel=cpu
build=1
sizes=()
python=${TORCH_PYTHON:-/usr/bin/python3}

die() { echo "cpu-peers.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || die "--reps needs a number"; reps=$2; shift 2 ;;
    --accelerator|-a) [ $# -ge 2 ] || die "--accelerator needs cpu, opencl or cuda"; accel=$2; shift 2 ;;
    --size) [ $# -ge 2 ] || die "--size needs I,H,B,T"; sizes+=("$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive integer, got '$reps'"
[ ${#sizes[@]} -gt 0 ] || sizes=(256,256,1,100 32,64,100,50 512,512,16,50 256,256,64,100)
for s in "${sizes[@]}"; do
  [[ $s =~ ^[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*$ ]] || die "--size wants four positive integers I,H,B,T, got '$s'"
done
out=${out:-$repo/artifacts/cpu-peers/$(date -u +%Y%m%dT%H%M%SZ)}

# The peers must be there before anything is built or timed.
command -v dotnet >/dev/null || die "dotnet (the .NET 10 SDK) is not on PATH"
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  die "$python cannot import torch (and numpy): install Debian's PyTorch with 'apt-get install python3-torch libopenblas0', or point TORCH_PYTHON at a Python that has torch"
fi

if [ $build = 1 ]; then
  echo "== dotnet build -c Release bench/RnnGpu.Bench (and the rnngpu command it references)"
  if ! log=$(dotnet build "$repo/bench/RnnGpu.Bench/RnnGpu.Bench.csproj" -c Release -nologo -v q 2>&1); then
    echo "$log" >&2
    die "the build failed"
  fi
fi
bin=Release/net10.0
rnngpu_dll=$repo/src/RnnGpu.Cli/bin/$bin/RnnGpu.Cli.dll
bench_dll=$repo/bench/RnnGpu.Bench/bin/$bin/RnnGpu.Bench.dll
[ -f "$rnngpu_dll" ] && [ -f "$bench_dll" ] || die "no Release build ($rnngpu_dll, $bench_dll); run without --no-build"

wrap=()
ort_accel=$accel
if [[ $accel == opencl* ]]; then
  wrap=("$repo/scripts/test-opencl.sh" --)
  ort_accel=cpu
  out=$(mkdir -p "$out" && cd "$out" && pwd)
  [[ $out == "$repo"/* ]] || die "--accelerator opencl runs inside the PoCL root, which sees only the repository: give an --out inside it"
fi

mkdir -p "$out"
load() { uptime | sed 's/.*load average[s]*: //'; }
load_start=$(load)
echo "== start: $(uptime)"
echo "== $(nproc) logical cores; results in $out"

run() { # run LOGNAME CMD...: stdout and stderr to the terminal and LOGNAME.log; stop at the first failure
  local name=$1; shift
  echo "== $name: $*"
  local rc=0
  "$@" 2>&1 | tee "$out/$name.log" || rc=$?
  [ $rc = 0 ] || { echo "cpu-peers.sh: $name failed with exit code $rc (log: $out/$name.log); nothing further was timed" >&2; exit $rc; }
}

for s in "${sizes[@]}"; do
  IFS=, read -r i h b t <<<"$s"
  tag=$i-$h-$b-$t
  run "rnngpu-$tag" "${wrap[@]}" dotnet "$rnngpu_dll" bench --accelerator "$accel" --cell lstm --input "$i" --hidden "$h" --batch "$b" --seq "$t" \
    --reps "$reps" --json "$out/rnngpu-$tag.json"
  run "ort-$tag" dotnet "$bench_dll" ort --accelerator "$ort_accel" --threads 2 --cell lstm --input "$i" --hidden "$h" --batch "$b" \
    --seq "$t" --reps "$reps" --json "$out/ort-$tag.json"
  run "torch-$tag" env OPENBLAS_NUM_THREADS=2 "$python" "$repo/bench/torch_cpu_bench.py" --threads 1 --cell lstm --size "$s" \
    --reps "$reps" --json "$out/torch-$tag.json"
done

load_end=$(load)
echo "== end: $(uptime)"
echo
size_args=()
for s in "${sizes[@]}"; do size_args+=(--size "$s"); done
"$python" "$repo/bench/cpu_peers_table.py" "$out" "${size_args[@]}" --load-start "$load_start" --load-end "$load_end"
echo
echo "Written: $out/peers.md, $out/peers.json, and per size rnngpu-*.json, ort-*.json, torch-*.json with their logs."
