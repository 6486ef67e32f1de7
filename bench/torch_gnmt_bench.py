"""GNMT v2 in PyTorch at the sizes of `rnngpu bench gnmt`: a training step (forward, label-smoothed cross-entropy, backward,
gradient clipping, Adam) and a beam search (the encoder once, one decoder step per iteration for the K hypotheses of each
sentence, GNMT's length normalization and coverage penalty), median of the repetitions after a warm-up, at 1 and 2
threads (the best is reported). The model is the one GnmtTests compares RnnGpu with (tests/RnnGpu.Tests/Fixtures/gnmt/
make_gnmt.py), with dropout 0.2 in training as the RnnGpu benchmark runs it.

Usage: /usr/bin/python3 bench/torch_gnmt_bench.py [--hidden 256,1024] [--layers 4] [--batch 64] [--seq 30] [--vocab 8000]
       [--beam 5] [--reps 6]   (Debian's python3-torch)
Prints one JSON object per hidden size.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "RnnGpu.Tests", "Fixtures", "gnmt"))
from make_gnmt import Gnmt  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--hidden", default="256,1024")
p.add_argument("--layers", type=int, default=4)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--seq", type=int, default=30)
p.add_argument("--vocab", type=int, default=8000)
p.add_argument("--beam", type=int, default=5)
p.add_argument("--reps", type=int, default=6)
p.add_argument("--device", default="cpu", help="cpu, or cuda (then one thread count: the GPU's)")
args = p.parse_args()
PAD, BOS, EOS = 0, 2, 3


def median(f, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2] if reps % 2 else 0.5 * (ts[reps // 2 - 1] + ts[reps // 2])


def lstm_step(lstm, x, state):
    y, state = lstm(x, state)
    return y, state


@torch.no_grad()
def beam_search(model, src, lengths, k, max_len):
    """NVIDIA's SequenceGenerator semantics: finished hypotheses keep their score, a sentence ends when all K have finished
    or at max_len; then length normalization and the coverage penalty rank its hypotheses."""
    enc = model.encoder(src, lengths)  # (Ts, B, H)
    ts, b, h = enc.shape
    n = b * k
    keys = enc.repeat_interleave(k, dim=1)
    klen = lengths.repeat_interleave(k)
    dec = model.decoder
    dev = enc.device
    words = torch.full((n,), BOS, dtype=torch.long, device=dev)
    scores = torch.zeros(n, device=dev)
    finished = torch.zeros(n, dtype=torch.bool, device=dev)
    lens = torch.ones(n, device=dev)
    cov = torch.zeros(n, ts, device=dev)
    states = [None] * (len(dec.rnn_layers) + 1)
    done = torch.zeros(b, dtype=torch.bool, device=dev)
    final = torch.zeros(n, device=dev)
    for step in range(1, max_len + 1):
        x = dec.embedder(words).unsqueeze(0)
        x, states[0] = lstm_step(dec.att_rnn.rnn, x, states[0])
        ctx, w = dec.att_rnn.attn(x, keys, klen)
        for i, layer in enumerate(dec.rnn_layers):
            y, states[i + 1] = lstm_step(layer, torch.cat((x, ctx), dim=2), states[i + 1])
            x = y if i == 0 else y + x
        logp = F.log_softmax(dec.classifier.classifier(x[0]), dim=-1)  # (N, V)
        v = logp.shape[1]
        cand = scores.unsqueeze(1) + logp
        cand[finished] = float("-inf")
        cand[finished, EOS] = scores[finished]
        cand = cand.view(b, k, v)
        if step == 1:
            cand[:, 1:, :] = float("-inf")
        top, idx = cand.view(b, k * v).topk(k, dim=1)
        src_beam = (idx // v) + torch.arange(b, device=dev).unsqueeze(1) * k
        src_beam = src_beam.view(-1)
        new_words = (idx % v).view(-1)
        was_finished = finished[src_beam]
        att = w[0][src_beam] * (~was_finished).unsqueeze(1)
        cov = cov[src_beam] + att
        lens = lens[src_beam] + (~was_finished).float()
        finished = was_finished | (new_words == EOS)
        scores = top.view(-1)
        words = torch.where(was_finished, torch.full_like(new_words, EOS), new_words)
        states = [(hh[:, src_beam], cc[:, src_beam]) for hh, cc in states]
        ending = (~done) & (finished.view(b, k).all(dim=1) | (step == max_len))
        if ending.any():
            rows = ending.repeat_interleave(k)
            norm = ((5.0 + lens) / 6.0) ** 0.6
            pen = torch.where(cov > 0, cov.clamp(max=1).log(), torch.zeros_like(cov)).sum(1)
            final = torch.where(rows, scores / norm + 0.1 * pen, final)
            done |= ending
        if done.all():
            break
    return final.view(b, k).max(1).indices, step


for h in [int(x) for x in args.hidden.split(",")]:
    rows = []
    for threads in ((1, 2) if args.device == "cpu" else (torch.get_num_threads(),)):
        torch.set_num_threads(threads)
        torch.manual_seed(1)
        model = Gnmt(args.vocab, h, args.layers).to(args.device)
        for m in model.modules():
            if isinstance(m, torch.nn.LSTM):
                m.dropout = 0.0
        drop = torch.nn.Dropout(0.2)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        g = torch.Generator().manual_seed(3)
        T, B, V = args.seq, args.batch, args.vocab
        src = torch.randint(4, V, (T, B), generator=g)
        lengths = torch.tensor([T - b % 4 for b in range(B)])
        for b in range(B):
            src[lengths[b]:, b] = PAD
        dec_in = torch.randint(4, V, (T, B), generator=g)
        src, dec_in = src.to(args.device), dec_in.to(args.device)
        target = dec_in.clone()
        sync = torch.cuda.synchronize if args.device != "cpu" else (lambda: None)

        def train():
            model.train()
            opt.zero_grad()
            # dropout on the embeddings and before every layer, as GNMT: applied here around the fixture model's layers
            enc = model.encoder.embedder(src)
            x = torch.nn.utils.rnn.pack_padded_sequence(drop(enc), lengths, enforce_sorted=False)
            x, _ = model.encoder.rnn_layers[0](x)
            x, _ = torch.nn.utils.rnn.pad_packed_sequence(x, total_length=T)
            x, _ = model.encoder.rnn_layers[1](drop(x))
            for layer in model.encoder.rnn_layers[2:]:
                y, _ = layer(drop(x))
                x = y + x
            d = model.decoder
            q, _ = d.att_rnn.rnn(drop(d.embedder(dec_in)))
            ctx, _ = d.att_rnn.attn(q, x, lengths)
            y = q
            for i, layer in enumerate(d.rnn_layers):
                o, _ = layer(drop(torch.cat((y, ctx), dim=2)))
                y = o if i == 0 else o + y
            logits = d.classifier.classifier(y)
            loss = F.cross_entropy(logits.reshape(-1, V), target.reshape(-1), ignore_index=PAD, label_smoothing=0.1)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sync()

        train()
        t_train = median(train, args.reps)
        model.eval()
        steps = [0]

        def search():
            _, steps[0] = beam_search(model, src, lengths, args.beam, T)
            sync()

        search()
        t_search = median(search, max(1, args.reps // 2))
        tokens = int(lengths.sum()) + T * B
        row = {"hidden": h, "layers": args.layers, "batch": B, "seq": T, "vocab": V, "beam": args.beam, "threads": threads,
               "train_ms": t_train * 1e3, "train_tokens_per_s": tokens / t_train, "search_ms": t_search * 1e3,
               "search_sentences_per_s": B / t_search, "search_steps": steps[0], "torch": torch.__version__}
        print(json.dumps(row), file=sys.stderr)
        rows.append(row)
    tr = min(rows, key=lambda r: r["train_ms"])
    se = min(rows, key=lambda r: r["search_ms"])
    print(json.dumps(dict(tr, search_ms=se["search_ms"], search_sentences_per_s=se["search_sentences_per_s"],
                          search_steps=se["search_steps"], search_threads=se["threads"])))
