#!/usr/bin/env bash
# GNMT v2 (CPU accelerator) against the same architecture in PyTorch (Debian's python3-torch, best of 1 and 2 threads) at
# the sizes of `rnngpu bench gnmt` (H = 256 and 1024, 4 layers, B = 64, Ts = Td = 30, V = 8000, beam 5), in alternating
# rounds; the table gives the median over the rounds of each round's median.
# Usage: bench/gnmt-peers.sh [ROUNDS]   (default 2; about 6 minutes a round on two cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-2}
out=$(mktemp -d)
dotnet build -c Release src/RnnGpu.Cli >/dev/null
for r in $(seq 1 "$rounds"); do
  dotnet src/RnnGpu.Cli/bin/Release/net10.0/RnnGpu.Cli.dll bench gnmt --accelerator cpu --hidden 256,1024 --reps 4 --json "$out/rnngpu-$r.json" >/dev/null
  /usr/bin/python3 bench/torch_gnmt_bench.py --hidden 256,1024 --reps 4 2>/dev/null > "$out/torch-$r.jsonl"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for r in range(1, rounds + 1):
    for x in json.load(open(f"{out}/rnngpu-{r}.json"))["results"]:
        v = rows.setdefault(x["hidden"], {"rt": [], "rs": [], "tt": [], "ts": []})
        v["rt"].append(x["train_ms"]); v["rs"].append(x["search_ms"])
    for line in open(f"{out}/torch-{r}.jsonl"):
        y = json.loads(line)
        rows[y["hidden"]]["tt"].append(y["train_ms"]); rows[y["hidden"]]["ts"].append(y["search_ms"])
print("| H | RnnGpu training step ms | PyTorch ms | PyTorch / RnnGpu | RnnGpu beam search ms | PyTorch ms | PyTorch / RnnGpu |")
print("|---|---:|---:|---:|---:|---:|---:|")
for h, v in sorted(rows.items()):
    m = {k: statistics.median(x) for k, x in v.items()}
    print(f"| {h} | {m['rt']:.0f} | {m['tt']:.0f} | **{m['tt'] / m['rt']:.2f}** | {m['rs']:.0f} | {m['ts']:.0f} | **{m['ts'] / m['rs']:.2f}** |")
PY
