"""The training step of `rnngpu train speech`'s model in PyTorch (Debian's python3-torch), for bench/RESULTS.md: log-mel
frames stacked by 3 (120 features), two bidirectional GRU layers of 96, a Linear to 11 classes, ctc_loss over log_softmax
(zero_infinity), Adam, gradient clipping at 5; batches of 32 utterances of 60-90 steps (packed, as a PyTorch user would
give variable lengths) with 3-8 digit targets. Prints sequences per second at the best of 1 and 2 threads.

Usage: /usr/bin/python3 bench/torch_speech_step.py [--steps N]
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=60)
args = p.parse_args()
torch.manual_seed(1)


class Recognizer(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(120, 96, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(192, 11)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False)
        y, _ = self.rnn(packed)
        y, _ = nn.utils.rnn.pad_packed_sequence(y)
        return self.fc(y)


def batch(g):
    lengths = torch.randint(60, 91, (32,), generator=g)
    T = int(lengths.max())
    x = torch.randn(T, 32, 120, generator=g)
    tl = torch.randint(3, 9, (32,), generator=g)
    targets = torch.randint(1, 11, (32, 8), generator=g)
    return x, lengths, targets, tl


best = None
for threads in (1, 2):
    torch.set_num_threads(threads)
    model = Recognizer()
    opt = torch.optim.Adam(model.parameters(), lr=0.004)
    g = torch.Generator().manual_seed(3)
    data = [batch(g) for _ in range(args.steps + 5)]

    def step(b):
        x, lengths, targets, tl = b
        opt.zero_grad()
        y = model(x, lengths)
        loss = F.ctc_loss(y.log_softmax(2), targets, lengths, tl, zero_infinity=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        return loss.item()

    for b in data[:5]:
        step(b)
    t0 = time.perf_counter()
    for b in data[5:]:
        step(b)
    dt = (time.perf_counter() - t0) / args.steps
    r = {"threads": threads, "step_ms": dt * 1e3, "seq_per_s": 32 / dt}
    if best is None or r["step_ms"] < best["step_ms"]:
        best = r
print(json.dumps({"torch": torch.__version__, **best}))
