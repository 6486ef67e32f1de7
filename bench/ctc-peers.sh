#!/usr/bin/env bash
# Losses.Ctc (loss and gradient, CPU accelerator) against PyTorch's ctc_loss (Debian's python3-torch, best of 1 and 2
# threads) at the sizes of `rnngpu bench ctc`, in alternating rounds (this machine's noise is +-50 % between runs of the same
# binary at the smallest size): each round runs both, the table gives the median over the rounds of each round's median.
# Usage: bench/ctc-peers.sh [ROUNDS]   (default 5; about 2 minutes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-5}
out=$(mktemp -d)
dotnet build -c Release src/RnnGpu.Cli >/dev/null
for r in $(seq 1 "$rounds"); do
  dotnet src/RnnGpu.Cli/bin/Release/net10.0/RnnGpu.Cli.dll bench ctc --accelerator cpu --reps 15 --json "$out/rnngpu-$r.json" >/dev/null
  /usr/bin/python3 bench/torch_ctc_bench.py --reps 15 > "$out/torch-$r.jsonl"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for r in range(1, rounds + 1):
    for x in json.load(open(f"{out}/rnngpu-{r}.json"))["results"]:
        rows.setdefault((x["t"], x["b"], x["c"], x["s"]), {"r": [], "t": [], "rerr": x["validation_grad_rel_error"]})["r"].append(x["ms"])
    for line in open(f"{out}/torch-{r}.jsonl"):
        y = json.loads(line)
        rows[(y["T"], y["B"], y["C"], y["S"])]["t"].append(y["train_ms"])
        rows[(y["T"], y["B"], y["C"], y["S"])]["terr"] = y["grad_rel_err_vs_float64"]
print(f"| T/B/C/S | RnnGpu ms | PyTorch ms | PyTorch / RnnGpu | RnnGpu gradient vs float64 | PyTorch float32 gradient vs float64 |")
print("|---|---:|---:|---:|---:|---:|")
for k, v in rows.items():
    a, b = statistics.median(v["r"]), statistics.median(v["t"])
    print(f"| {'/'.join(map(str, k))} | {a:.2f} | {b:.2f} | **{b / a:.2f}** | {v['rerr']:.1e} | {v['terr']:.1e} |")
PY
