"""PyTorch's CTC loss at the sizes of `rnngpu bench ctc`: ctc_loss(logits.log_softmax(2), ...) forward, and forward with
backward to the logits, median of the repetitions after a warm-up, at 1 and 2 threads (the best is reported). Validated
first: PyTorch's float32 loss and gradient against its own float64 on the same data.

Usage: /usr/bin/python3 bench/torch_ctc_bench.py [--reps N] [--size T,B,C,S ...]   (Debian's python3-torch)
Prints one JSON object per size.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--reps", type=int, default=10)
p.add_argument("--size", action="append")
p.add_argument("--device", default="cpu", help="cpu, or cuda (then one thread count: the GPU's)")
args = p.parse_args()
sizes = [tuple(int(v) for v in s.split(",")) for s in (args.size or ["200,32,11,8", "1000,8,29,150", "2000,4,5000,100"])]


def times(f, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return (ts[len(ts) // 2] if reps % 2 else 0.5 * (ts[reps // 2 - 1] + ts[reps // 2])), ts[0]


for (T, B, C, S) in sizes:
    g = torch.Generator().manual_seed(7)
    x = (torch.rand(T, B, C, generator=g) * 6 - 3).to(args.device)
    targets = torch.randint(1, C, (B, S), generator=g).to(args.device)
    il = torch.full((B,), T, dtype=torch.long)
    tl = torch.tensor([max(1, S - b % 3) for b in range(B)], dtype=torch.long)

    def loss_of(v):
        return F.ctc_loss(v.log_softmax(2), targets, il, tl, blank=0, reduction="mean")

    x64 = x.double().requires_grad_(True)
    l64 = loss_of(x64)
    l64.backward()
    x32 = x.clone().requires_grad_(True)
    l32 = loss_of(x32)
    l32.backward()
    loss_err = abs(l32.item() - l64.item()) / abs(l64.item())
    grad_err = ((x32.grad.double() - x64.grad).norm() / x64.grad.norm()).item()
    best = None
    for threads in ((1, 2) if args.device == "cpu" else (torch.get_num_threads(),)):
        torch.set_num_threads(threads)

        def fwd():
            with torch.no_grad():
                loss_of(x).item()

        def fwd_bwd():
            v = x.clone().requires_grad_(True)
            l = loss_of(v)
            l.backward()
            v.grad.sum().item()

        fwd(); fwd_bwd()
        fm, fb = times(fwd, args.reps)
        tm, tbest = times(fwd_bwd, args.reps)
        r = {"threads": threads, "forward_ms": fm * 1e3, "train_ms": tm * 1e3, "train_best_ms": tbest * 1e3}
        if best is None or r["train_ms"] < best["train_ms"]:
            best = r
    print(json.dumps({"T": T, "B": B, "C": C, "S": S, "torch": torch.__version__, "loss_rel_err_vs_float64": loss_err,
                      "grad_rel_err_vs_float64": grad_err, **best}), flush=True)
