#!/usr/bin/env python3
"""Converts a GNMT v2 checkpoint of NVIDIA's DeepLearningExamples (PyTorch/Translation/GNMT, a torch.save .pth holding
'state_dict') into a safetensors file that RnnGpu's Checkpoint.Load reads into a Gnmt with the same names.

    python3 scripts/gnmt-checkpoint.py model_best.pth gnmt.safetensors

Needs PyTorch (Debian: apt-get install python3-torch); writes the safetensors format itself (no safetensors package).
Every tensor is written as float32 under its state_dict name. When the encoder's and decoder's embeddings are one tensor
(NVIDIA's default share_embedding), decoder.embedder.weight is left out: build the Gnmt with ShareEmbedding = true.
The sizes are printed and kept in the file's metadata (vocabulary, hidden, layers, share_embedding).
"""
import json
import os
import struct
import sys

import torch


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src, dst = argv[1], argv[2]
    try:
        ckpt = torch.load(src, map_location="cpu")
    except Exception as e:  # a file that is not a torch checkpoint
        print(f"gnmt-checkpoint: cannot read {src}: {e}", file=sys.stderr)
        return 2
    state = ckpt.get("state_dict", ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict) or "encoder.embedder.weight" not in state:
        print(f"gnmt-checkpoint: {src} holds no GNMT state_dict (no encoder.embedder.weight)", file=sys.stderr)
        return 2
    # a checkpoint saved from DataParallel prefixes every name with 'module.'
    state = {(k[len("module."):] if k.startswith("module.") else k): v for k, v in state.items()}
    enc, dec = state["encoder.embedder.weight"], state.get("decoder.embedder.weight")
    shared = dec is not None and (dec.data_ptr() == enc.data_ptr() or torch.equal(dec, enc))
    if shared:
        del state["decoder.embedder.weight"]
    vocabulary, hidden = enc.shape
    layers = sum(1 for k in state if k.startswith("encoder.rnn_layers.") and k.endswith(".weight_ih_l0"))
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        if not torch.is_tensor(t) or not t.is_floating_point():
            continue
        data = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"source": "NVIDIA DeepLearningExamples GNMT v2", "vocabulary": str(vocabulary),
                              "hidden": str(hidden), "layers": str(layers), "share_embedding": "1" if shared else "0"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    tmp = dst + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
    os.replace(tmp, dst)  # a reader sees the old file or the whole new one
    print(f"wrote {dst}: {len(blobs)} tensors, vocabulary {vocabulary}, hidden {hidden}, layers {layers}, "
          f"{'shared' if shared else 'separate'} embeddings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
