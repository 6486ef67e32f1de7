#!/usr/bin/env python3
"""cuDNN peer for `rnngpu bench`: nn.LSTM, nn.GRU and nn.RNN (tanh) on CUDA, float32.

Times, per cell and size, an inference forward (torch.no_grad) and a training step (forward, then
backward of a random upstream gradient: weight, bias and input gradients), with CUDA events, warm-up
excluded, median of --reps. Runs every size twice: TF32 off (true float32, what RnnGpu computes) and
TF32 on (cuDNN's default on Ampere and later).

FLOPs as RnnGpu counts them: per layer and direction forward 2*T*B*(I+H)*G*H (G = 1 RNN, 3 GRU, 4 LSTM);
a training step is 3x forward.

Sizes: DeepBench's LSTM training sizes (H = 512, 1024, 2048 with B = 16, 32, 64 and T = 25; H = 256,
B = 64, T = 150; input size = H), the I = H = 256, B = 64, T = 100 size of bench/RESULTS.md, and the small
batches of `rnngpu bench --suite smallbatch` (H = 512, 1024 with B = 4, 8, 16 and T = 25), where RnnGpu's
persistent forward kernel competes with cuDNN's (cuDNN picks its own persistent algorithms by itself).

With --rnngpu FILE..., also prints RnnGpu/cuDNN ratios (GFLOP/s over GFLOP/s; above 1 means RnnGpu is
faster) for every size both measured, one row per RnnGpu --step (auto, persistent, per-step) and the
forward path that ran (persistent or per-step).

  python3 bench/torch_rnn_bench.py --json out/torch.json --markdown out/torch.md --rnngpu out/rnngpu-*.json
"""
import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys

DEEPBENCH = [(512, 16, 25), (512, 32, 25), (512, 64, 25),
             (1024, 16, 25), (1024, 32, 25), (1024, 64, 25),
             (2048, 16, 25), (2048, 32, 25), (2048, 64, 25),
             (256, 64, 150)]
EXTRA = [(256, 64, 100)]
SMALLBATCH = [(512, 4, 25), (512, 8, 25), (512, 16, 25),
              (1024, 4, 25), (1024, 8, 25), (1024, 16, 25)]
SIZES = list(dict.fromkeys(DEEPBENCH + EXTRA + SMALLBATCH))  # in order, without repeats
GATES = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}


def forward_flops(cell, i, h, b, t, layers=1, directions=1):
    f = 0.0
    for layer in range(layers):
        in_size = i if layer == 0 else directions * h
        f += directions * 2.0 * t * b * (in_size + h) * GATES[cell] * h
    return f


def environment(torch):
    driver = "unknown"
    try:
        driver = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                                capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception:  # nvidia-smi absent or failing: the driver stays unknown
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "gpu": torch.cuda.get_device_name(0),
        "driver": driver,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "python": platform.python_version(),
        "host": platform.node(),
    }


def make_module(torch, cell, i, h):
    nn = torch.nn
    if cell == "lstm":
        return nn.LSTM(i, h)
    if cell == "gru":
        return nn.GRU(i, h)
    return nn.RNN(i, h, nonlinearity="tanh" if cell == "rnn_tanh" else "relu")


def time_cuda(torch, fn, warmup, reps):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))  # milliseconds
    return statistics.median(times)


def bench_one(torch, cell, i, h, b, t, tf32, warmup, reps):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    torch.manual_seed(0)
    dev = torch.device("cuda")
    m = make_module(torch, cell, i, h).to(dev)
    x = torch.randn(t, b, i, device=dev, requires_grad=True)
    dy = torch.randn(t, b, h, device=dev)

    def forward():
        with torch.no_grad():
            m(x)

    def train():
        out, _ = m(x)
        out.backward(dy)  # weight, bias and input gradients, as RnnGpu's Backward computes

    return result_row(cell, i, h, b, t, time_cuda(torch, forward, warmup, reps), time_cuda(torch, train, warmup, reps),
                      tf32=tf32, reps=reps)


def result_row(cell, i, h, b, t, fwd_ms, train_ms, **extra):
    """One result of a one-layer, one-direction size: times, GFLOP/s as RnnGpu counts them, and extra fields."""
    flops = forward_flops(cell, i, h, b, t)
    row = {"cell": cell, "input": i, "hidden": h, "batch": b, "seq": t, "layers": 1, "bidirectional": False}
    row.update(extra)
    row.update({
        "forward_ms": fwd_ms, "forward_gflops": flops / (fwd_ms * 1e-3) / 1e9,
        "train_ms": train_ms, "train_gflops": 3 * flops / (train_ms * 1e-3) / 1e9,
    })
    return row


def table(rows, header):
    width = [max(len(str(r[c])) for r in [header] + rows) for c in range(len(header))]
    line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, width)) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in width) + "|"] + [line(r) for r in rows]) + "\n"


def torch_markdown(env, results):
    head = (f"cuDNN peer: {env['gpu']}, driver {env['driver']}, torch {env['torch']}, CUDA {env['cuda']}, "
            f"cuDNN {env['cudnn']}, {env['date']}\n\n")
    rows = [[r["cell"], r["input"], r["hidden"], r["batch"], r["seq"], "on" if r["tf32"] else "off",
             f"{r['forward_ms']:.3f}", f"{r['forward_gflops']:.0f}", f"{r['train_ms']:.3f}", f"{r['train_gflops']:.0f}"]
            for r in results]
    return head + table(rows, ["cell", "I", "H", "B", "T", "TF32", "forward ms", "forward GFLOP/s",
                               "train ms", "train GFLOP/s"])


def ratio_markdown(results, rnngpu_files):
    mine = {}
    for path in rnngpu_files:
        with open(path) as f:
            report = json.load(f)
        for r in report["results"]:
            if r["layers"] == 1 and not r["bidirectional"]:
                # Files from before --step have neither field: they ran auto, one launch per step.
                mine[(r["cell"], r["input"], r["hidden"], r["batch"], r["seq"], r.get("step", "auto"))] = r
    peer = {(r["cell"], r["input"], r["hidden"], r["batch"], r["seq"], r["tf32"]): r for r in results}
    rows = []
    for key in sorted(mine, key=lambda k: (k[0], k[2], k[3], k[4], k[5])):
        off, on = peer.get(key[:5] + (False,)), peer.get(key[:5] + (True,))
        if off is None:
            continue
        r = mine[key]
        ratio = lambda a, b: f"{a / b:.2f}" if b > 0 else "-"
        rows.append([key[0], key[2], key[3], key[4], key[5], r.get("path", "per-step"),
                     f"{r['forward_gflops']:.0f}", f"{off['forward_gflops']:.0f}", ratio(r["forward_gflops"], off["forward_gflops"]),
                     f"{r['train_gflops']:.0f}", f"{off['train_gflops']:.0f}", ratio(r["train_gflops"], off["train_gflops"]),
                     f"{on['train_gflops']:.0f}" if on else "-", ratio(r["train_gflops"], on["train_gflops"]) if on else "-"])
    if not rows:
        return "No size measured by both RnnGpu and cuDNN.\n"
    return ("RnnGpu (CUDA) / cuDNN, GFLOP/s over GFLOP/s (above 1: RnnGpu faster); I = H, one layer, one direction\n\n"
            + table(rows, ["cell", "H", "B", "T", "step", "path", "RnnGpu fwd", "cuDNN fwd", "ratio fwd",
                           "RnnGpu train", "cuDNN train", "ratio train", "cuDNN train TF32", "ratio vs TF32"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cells", nargs="+", default=["lstm", "gru", "rnn_tanh"], choices=sorted(GATES))
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--tf32", choices=["both", "off", "on"], default="both")
    ap.add_argument("--json", help="write environment and results as JSON here")
    ap.add_argument("--markdown", help="write the markdown tables here")
    ap.add_argument("--rnngpu", nargs="*", default=[], help="rnngpu bench --json files to compare with")
    args = ap.parse_args()
    if args.reps <= 0 or args.warmup < 0:
        ap.error("--reps must be positive and --warmup non-negative")

    import torch  # imported here so --help and py_compile work without torch
    if not torch.cuda.is_available():
        print("torch_rnn_bench.py: CUDA is not available", file=sys.stderr)
        return 2
    torch.backends.cudnn.enabled = True
    torch.backends.cudnn.benchmark = False
    env = environment(torch)
    print(f"# {env['gpu']} driver {env['driver']} torch {env['torch']} CUDA {env['cuda']} cuDNN {env['cudnn']} {env['date']}",
          flush=True)

    modes = {"both": [False, True], "off": [False], "on": [True]}[args.tf32]
    results = []
    for tf32 in modes:
        for cell in args.cells:
            for (h, b, t) in SIZES:
                r = bench_one(torch, cell, h, h, b, t, tf32, args.warmup, args.reps)
                results.append(r)
                print(f"{cell:8} H={h:5} B={b:3} T={t:4} TF32={'on ' if tf32 else 'off'} "
                      f"forward {r['forward_ms']:8.3f} ms {r['forward_gflops']:8.0f} GFLOP/s  "
                      f"train {r['train_ms']:8.3f} ms {r['train_gflops']:8.0f} GFLOP/s", flush=True)

    md = torch_markdown(env, results)
    if args.rnngpu:
        md += "\n" + ratio_markdown(results, args.rnngpu)
    print()
    print(md)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(md)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"environment": env, "results": results}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
