#!/usr/bin/env python3
"""PyTorch CPU peer for `rnngpu bench`: nn.LSTM / nn.GRU / nn.RNN on the CPU, float32, one layer, one direction.

Per size: first a check of torch's forward against a float64 NumPy evaluation of the cell with the module's own weights
(at T = min(T, 3), B = min(B, 8); relative error ||torch - ref|| / ||ref|| at most 1e-4, else exit 3 and nothing is timed),
then the median of --reps after --warmup runs of
  - an inference forward under torch.no_grad(), and
  - a training step: forward, then backward of a fixed random upstream gradient of the outputs (weight, bias and input
    gradients, as RnnGpu's Backward computes).
Wall-clock time (time.perf_counter); torch's CPU ops are synchronous.

Threads: bench/cpu-peers.sh runs this with OPENBLAS_NUM_THREADS=2 and --threads 1 (torch.set_num_threads(1)): Debian's
torch does its GEMMs in OpenBLAS, which then uses both cores, while torch's own elementwise loops stay on one thread.

FLOPs as RnnGpu counts them: forward 2*T*B*(I+H)*G*H (G = 1 RNN, 3 GRU, 4 LSTM); a training step is 3x forward.

  OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/torch_cpu_bench.py --size 256,256,64,100 --reps 7 --json torch.json
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The cuDNN peer's FLOP count and module construction, so both peers count and build alike.
from torch_rnn_bench import GATES, forward_flops, make_module, result_row  # noqa: E402
TOLERANCE = 1e-4


def reference_forward(np, cell, m, x):
    """float64 forward of a one-layer, one-direction module m on x (T, B, I): output (T, B, H). PyTorch's gate order."""
    w_ih = m.weight_ih_l0.detach().double().numpy()
    w_hh = m.weight_hh_l0.detach().double().numpy()
    b_ih = m.bias_ih_l0.detach().double().numpy()
    b_hh = m.bias_hh_l0.detach().double().numpy()
    x = x.detach().double().numpy()
    t_len, b, _ = x.shape
    hid = w_hh.shape[1]
    h = np.zeros((b, hid))
    c = np.zeros((b, hid))
    sig = lambda v: 1.0 / (1.0 + np.exp(-v))
    out = np.zeros((t_len, b, hid))
    for t in range(t_len):
        gx = x[t] @ w_ih.T + b_ih
        gh = h @ w_hh.T + b_hh
        if cell == "lstm":
            g = gx + gh
            i_, f_, g_, o_ = np.split(g, 4, axis=1)
            c = sig(f_) * c + sig(i_) * np.tanh(g_)
            h = sig(o_) * np.tanh(c)
        elif cell == "gru":
            rx, zx, nx = np.split(gx, 3, axis=1)
            rh, zh, nh = np.split(gh, 3, axis=1)
            r, z = sig(rx + rh), sig(zx + zh)
            n = np.tanh(nx + r * nh)
            h = (1 - z) * n + z * h
        elif cell == "rnn_tanh":
            h = np.tanh(gx + gh)
        else:
            h = np.maximum(gx + gh, 0.0)
        out[t] = h
    return out


def validate(torch, np, cell, i, h, b, t):
    torch.manual_seed(1)
    m = make_module(torch, cell, i, h)
    x = torch.rand(min(t, 3), min(b, 8), i) * 2 - 1
    with torch.no_grad():
        y, _ = m(x)
    ref = reference_forward(np, cell, m, x)
    y = y.double().numpy()
    err = float(np.linalg.norm(y - ref) / np.linalg.norm(ref))
    if not err <= TOLERANCE:  # NaN fails too
        print(f"torch_cpu_bench.py: torch's {cell} forward disagrees with the float64 reference at I={i} H={h} "
              f"B={min(b, 8)} T={min(t, 3)} (relative error {err:.2e} > {TOLERANCE:g}); not timed.", file=sys.stderr)
        sys.exit(3)
    return err


def median_ms(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def bench_one(torch, cell, i, h, b, t, warmup, reps):
    torch.manual_seed(0)
    m = make_module(torch, cell, i, h)
    x = torch.rand(t, b, i) * 2 - 1
    x_train = x.clone().requires_grad_(True)
    dy = torch.rand(t, b, h) * 2 - 1  # fixed upstream gradient of the outputs

    def forward():
        with torch.no_grad():
            m(x)

    def train():
        out, _ = m(x_train)
        out.backward(dy)  # weight, bias and input gradients (they accumulate, as RnnGpu's do)

    flops = forward_flops(cell, i, h, b, t)
    return result_row(cell, i, h, b, t, median_ms(forward, warmup, reps), median_ms(train, warmup, reps),
                      reps=reps, warmup=warmup, forward_flops=flops, train_flops=3 * flops)


def parse_size(text):
    try:
        i, h, b, t = (int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected I,H,B,T (four integers), got '{text}'")
    if min(i, h, b, t) <= 0:
        raise argparse.ArgumentTypeError(f"sizes must be positive, got '{text}'")
    return i, h, b, t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cell", choices=sorted(GATES), default="lstm")
    ap.add_argument("--size", type=parse_size, action="append", required=True, metavar="I,H,B,T",
                    help="input, hidden, batch, sequence length; repeat for several sizes")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--json", help="write the results as JSON to this file")
    args = ap.parse_args()
    if args.reps <= 0 or args.warmup < 0 or args.threads <= 0:
        ap.error("--reps and --threads must be positive, --warmup not negative")

    try:
        import torch
        import numpy as np
    except ImportError as e:
        print(f"torch_cpu_bench.py: {sys.executable} cannot import {e.name} "
              "(Debian/Ubuntu: apt-get install python3-torch libopenblas0)", file=sys.stderr)
        sys.exit(2)
    torch.set_num_threads(args.threads)

    env = {
        "tool": "bench/torch_cpu_bench.py",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.platform()}, {os.cpu_count()} logical cores",
        "torch_threads": torch.get_num_threads(),
        "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "blas": "MKL" if torch.backends.mkl.is_available() else "not MKL (Debian: OpenBLAS)",
        "mkldnn": torch.backends.mkldnn.is_available(),
    }
    print(f"torch {env['torch']} on {env['machine']}: torch threads {env['torch_threads']}, "
          f"OPENBLAS_NUM_THREADS={env['openblas_num_threads']}, BLAS {env['blas']}")
    results = []
    for i, h, b, t in args.size:
        err = validate(torch, np, args.cell, i, h, b, t)
        print(f"validated torch {args.cell} I={i} H={h} B={min(b, 8)} T={min(t, 3)}: relative error {err:.1e} "
              f"<= {TOLERANCE:g} (float64 NumPy reference)")
        r = bench_one(torch, args.cell, i, h, b, t, args.warmup, args.reps)
        r["validation_rel_error"] = err
        r["validation_size"] = f"T={min(t, 3)} B={min(b, 8)}"
        results.append(r)
        print(f"torch {args.cell} I={i} H={h} B={b} T={t}: forward {r['forward_ms']:.2f} ms "
              f"({r['forward_gflops']:.1f} GFLOP/s), training step {r['train_ms']:.2f} ms "
              f"({r['train_gflops']:.1f} GFLOP/s), median of {args.reps}")
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump({**env, "results": results}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
