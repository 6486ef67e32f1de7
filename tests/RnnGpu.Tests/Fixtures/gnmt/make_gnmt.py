"""Writes the GNMT v2 fixtures of GnmtTests: a GNMT v2 built here in PyTorch from the architecture (NVIDIA's
DeepLearningExamples, PyTorch/Translation/GNMT, as described in RnnGpu's Gnmt class), its parameters, inputs, logits,
attention weights, label-smoothed loss and every parameter gradient.

Run with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 make_gnmt.py (in this folder).
Each case is a folder: names.txt (the state_dict names in order), p.<name>.npy (float32 parameters), src.npy (Ts, B) and
dec_in.npy (Td, B) and target.npy (Td, B) int64 (pads 0 in the decoder input and target), src_len.npy (B) int64,
logits.npy (Td, B, V), attention.npy (Td, B, Ts), loss.npy (1), g.<name>.npy: computed in float64 from the float32
parameters (l2_shared: one embedding for both, named once, as PyTorch's named_parameters lists it); l4 and l2_shared also
nvidia.safetensors: the model saved as NVIDIA's training saves it ({'state_dict': ...} .pth) and converted by
scripts/gnmt-checkpoint.py; the loss is cross_entropy(logits, target, ignore_index=0, label_smoothing=0.1) (mean over non-pad targets).
"""
import os
import subprocess
import sys
import tempfile
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

PAD = 0


class Attention(nn.Module):
    """Normalized Bahdanau attention: score = g v/||v|| . tanh(Wq q + Wk k + b), masked softmax, context = w . keys."""

    def __init__(self, n):
        super().__init__()
        self.linear_att = nn.Parameter(torch.empty(n).uniform_(-0.1, 0.1))
        self.normalize_scalar = nn.Parameter(torch.tensor([1.0 / n ** 0.5]))
        self.normalize_bias = nn.Parameter(torch.zeros(n))
        self.linear_q = nn.Linear(n, n, bias=False)
        self.linear_k = nn.Linear(n, n, bias=False)

    def forward(self, q, k, lengths):  # q (Tq, B, n), k (Tk, B, n)
        pq, pk = self.linear_q(q), self.linear_k(k)
        s = torch.tanh(pq.unsqueeze(1) + pk.unsqueeze(0) + self.normalize_bias)  # (Tq, Tk, B, n)
        v = self.linear_att / self.linear_att.norm() * self.normalize_scalar
        scores = (s @ v).permute(2, 0, 1)  # (B, Tq, Tk)
        mask = torch.arange(k.size(0), device=k.device).unsqueeze(0) >= lengths.to(k.device).unsqueeze(1)  # (B, Tk)
        scores = scores.masked_fill(mask.unsqueeze(1), -65504.0)
        w = F.softmax(scores, dim=-1)
        ctx = torch.bmm(w, k.transpose(0, 1))  # (B, Tq, n)
        return ctx.transpose(0, 1), w.transpose(0, 1)


class AttRnn(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.rnn = nn.LSTM(h, h)
        self.attn = Attention(h)


class Classifier(nn.Module):
    def __init__(self, h, v):
        super().__init__()
        self.classifier = nn.Linear(h, v)


class Encoder(nn.Module):
    def __init__(self, v, h, layers):
        super().__init__()
        self.rnn_layers = nn.ModuleList([nn.LSTM(h, h, bidirectional=True), nn.LSTM(2 * h, h)]
                                        + [nn.LSTM(h, h) for _ in range(layers - 2)])
        self.embedder = nn.Embedding(v, h, padding_idx=PAD)

    def forward(self, src, lengths):
        x = self.embedder(src)
        x = pack_padded_sequence(x, lengths.cpu(), enforce_sorted=False)
        x, _ = self.rnn_layers[0](x)
        x, _ = pad_packed_sequence(x, total_length=src.size(0))
        x, _ = self.rnn_layers[1](x)
        for layer in self.rnn_layers[2:]:
            y, _ = layer(x)
            x = y + x
        return x


class Decoder(nn.Module):
    def __init__(self, v, h, layers):
        super().__init__()
        self.att_rnn = AttRnn(h)
        self.rnn_layers = nn.ModuleList([nn.LSTM(2 * h, h) for _ in range(layers - 1)])
        self.embedder = nn.Embedding(v, h, padding_idx=PAD)
        self.classifier = Classifier(h, v)

    def forward(self, dec_in, enc, lengths):
        x = self.embedder(dec_in)
        x, _ = self.att_rnn.rnn(x)
        ctx, w = self.att_rnn.attn(x, enc, lengths)
        for i, layer in enumerate(self.rnn_layers):
            y, _ = layer(torch.cat((x, ctx), dim=2))
            x = y if i == 0 else y + x
        return self.classifier.classifier(x), w


class Gnmt(nn.Module):
    def __init__(self, v, h, layers, share=False):
        super().__init__()
        self.encoder = Encoder(v, h, layers)
        self.decoder = Decoder(v, h, layers)
        if share:
            self.decoder.embedder = self.encoder.embedder
        for name, p in self.named_parameters():
            if name.endswith("normalize_scalar") or name.endswith("normalize_bias"):
                continue
            with torch.no_grad():
                if "bias_hh" in name:
                    p.zero_()
                else:
                    p.uniform_(-0.1, 0.1)

    def forward(self, src, lengths, dec_in):
        return self.decoder(dec_in, self.encoder(src, lengths), lengths)


def case(name, v, h, layers, src_len, td, dec_len, seed, share=False, nvidia=False):
    torch.manual_seed(seed)
    model = Gnmt(v, h, layers, share)
    ts, b = max(src_len), len(src_len)
    src = torch.randint(1, v, (ts, b))
    dec_in = torch.randint(1, v, (td, b))
    target = torch.randint(1, v, (td, b))
    for i in range(b):
        src[src_len[i]:, i] = PAD
        dec_in[dec_len[i]:, i] = PAD
        target[dec_len[i]:, i] = PAD
    with torch.no_grad():
        # Larger values than NVIDIA's U(-0.1, 0.1), whose tiny LSTM weights make every encoder output nearly the same (the
        # attention's score gradients then vanish to rounding noise); parameters as float32 values, computed in float64.
        for n, p in model.named_parameters():
            p.uniform_(-0.6, 0.6)
            if n.endswith("normalize_scalar"):
                p.fill_(1.3)
            p.copy_(p.float())
    model = model.double()
    lengths = torch.tensor(src_len)
    logits, w = model(src, lengths, dec_in)
    loss = F.cross_entropy(logits.reshape(-1, v), target.reshape(-1), ignore_index=PAD, label_smoothing=0.1)
    loss.backward()
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    os.makedirs(d, exist_ok=True)
    names = [n for n, _ in model.named_parameters()]
    with open(os.path.join(d, "names.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    for n, p in model.named_parameters():
        np.save(os.path.join(d, f"p.{n}.npy"), p.detach().float().numpy())
        np.save(os.path.join(d, f"g.{n}.npy"), p.grad.float().numpy())
    np.save(os.path.join(d, "src.npy"), src.numpy())
    np.save(os.path.join(d, "src_len.npy"), lengths.numpy())
    np.save(os.path.join(d, "dec_in.npy"), dec_in.numpy())
    np.save(os.path.join(d, "target.npy"), target.numpy())
    np.save(os.path.join(d, "logits.npy"), logits.detach().float().numpy())
    np.save(os.path.join(d, "attention.npy"), w.detach().float().numpy())
    np.save(os.path.join(d, "loss.npy"), np.array([loss.item()], dtype=np.float32))
    if nvidia:  # the model saved as NVIDIA's training saves it, then converted by scripts/gnmt-checkpoint.py
        with tempfile.TemporaryDirectory() as tmp:
            pth = os.path.join(tmp, "model_best.pth")
            torch.save({"state_dict": model.float().state_dict(), "config": {"hidden_size": h, "num_layers": layers}}, pth)
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "scripts", "gnmt-checkpoint.py")
            subprocess.run([sys.executable, script, pth, os.path.join(d, "nvidia.safetensors")], check=True)


if __name__ == "__main__":
    case("l2", v=13, h=6, layers=2, src_len=[7, 5, 2], td=6, dec_len=[6, 4, 1], seed=1)
    case("l4", v=17, h=8, layers=4, src_len=[3, 9, 6, 1], td=5, dec_len=[5, 5, 2, 3], seed=2, nvidia=True)
    case("l3", v=11, h=20, layers=3, src_len=[12, 12], td=9, dec_len=[9, 7], seed=3)
    case("l2_shared", v=13, h=6, layers=2, src_len=[4, 7, 3], td=5, dec_len=[5, 2, 4], seed=4, share=True, nvidia=True)
