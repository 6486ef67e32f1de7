"""Writes the CTC fixtures of CtcTests: logits, targets and lengths, and what torch.nn.functional.ctc_loss gives for them.

Run with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 make_ctc.py (in this folder).
Each case is a folder: logits.npy (T, B, C) float32, targets.npy (B, S) int64 (padded with junk past each length),
input_lengths.npy and target_lengths.npy (B) int64, loss.npy (1) and grad.npy (T, B, C) float32: the loss of
ctc_loss(logits.log_softmax(2), ...) and its gradient with respect to the logits, computed in float64 from the float32
logits; case.txt: blank, reduction, zero_infinity.
"""
import os
import numpy as np
import torch
import torch.nn.functional as F


def case(name, T, B, C, S, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False,
         seed=0, targets=None, scale=2.0):
    g = torch.Generator().manual_seed(seed)
    logits = (torch.randn(T, B, C, generator=g) * scale).float()
    if targets is None:
        labels = [c for c in range(C) if c != blank]
        idx = torch.randint(0, len(labels), (B, S), generator=g)
        targets = torch.tensor(labels)[idx]
    else:
        targets = torch.tensor(targets, dtype=torch.int64)
    # entries past a target's length are junk (the blank, or any label): ignored
    for b in range(B):
        targets[b, target_lengths[b]:] = blank
    x = logits.double().requires_grad_(True)
    loss = F.ctc_loss(x.log_softmax(2), targets, torch.tensor(input_lengths), torch.tensor(target_lengths),
                      blank=blank, reduction=reduction, zero_infinity=zero_infinity)
    loss.backward()
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    os.makedirs(d, exist_ok=True)
    np.save(os.path.join(d, "logits.npy"), logits.numpy())
    np.save(os.path.join(d, "targets.npy"), targets.numpy().astype(np.int64))
    np.save(os.path.join(d, "input_lengths.npy"), np.array(input_lengths, dtype=np.int64))
    np.save(os.path.join(d, "target_lengths.npy"), np.array(target_lengths, dtype=np.int64))
    np.save(os.path.join(d, "loss.npy"), np.array([loss.item()], dtype=np.float32))
    np.save(os.path.join(d, "grad.npy"), x.grad.float().numpy())
    with open(os.path.join(d, "case.txt"), "w") as f:
        f.write(f"blank {blank}\nreduction {reduction}\nzero_infinity {int(zero_infinity)}\n")
    print(name, loss.item(), float(x.grad.abs().max()), bool(torch.isfinite(x.grad).all()))


# repeated labels (a blank is needed between equal neighbours), variable input lengths
case("repeats", 14, 3, 6, 5, [14, 11, 9], [5, 4, 3],
     targets=[[1, 1, 2, 2, 3], [4, 4, 4, 1, 0], [5, 5, 2, 0, 0]])
# a blank that is not 0 (the last class), sum reduction
case("blank_last_sum", 12, 4, 7, 4, [12, 10, 12, 7], [4, 2, 3, 1], blank=6, reduction="sum", seed=1)
# a blank in the middle of the classes
case("blank_middle", 10, 2, 5, 3, [10, 8], [3, 3], blank=2, seed=2)
# minimal input lengths: exactly the target length plus its repeats
case("minimal", 8, 3, 5, 4, [4, 5, 7], [4, 4, 4], targets=[[1, 2, 3, 4], [1, 1, 2, 3], [2, 2, 2, 2]], seed=3)
# empty targets beside non-empty ones, mean (an empty target is divided by 1)
case("empty", 9, 3, 4, 3, [9, 6, 1], [0, 3, 0], seed=4)
case("empty_sum", 9, 2, 4, 3, [9, 6], [0, 2], reduction="sum", seed=5)
# infeasible: input shorter than the target and its repeats; +inf without zero_infinity, 0 with it
case("infeasible", 6, 3, 5, 4, [6, 3, 4], [2, 4, 2], targets=[[1, 2, 0, 0], [1, 2, 3, 4], [3, 3, 0, 0]], seed=6)
case("infeasible_sum", 6, 3, 5, 4, [6, 3, 4], [2, 4, 2], targets=[[1, 2, 0, 0], [1, 2, 3, 4], [3, 3, 0, 0]], seed=6,
     reduction="sum")
case("infeasible_zero", 6, 3, 5, 4, [6, 3, 4], [2, 4, 2], targets=[[1, 2, 0, 0], [1, 2, 3, 4], [3, 3, 0, 0]], seed=6,
     zero_infinity=True)
case("infeasible_zero_sum", 6, 3, 5, 4, [6, 3, 4], [2, 4, 2], targets=[[1, 2, 0, 0], [1, 2, 3, 4], [3, 3, 0, 0]], seed=6,
     zero_infinity=True, reduction="sum")
# long: T = 1000, targets of 60 labels
case("long", 1000, 2, 12, 60, [1000, 870], [60, 45], seed=7, scale=1.0)
