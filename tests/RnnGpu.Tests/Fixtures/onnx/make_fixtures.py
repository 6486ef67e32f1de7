#!/usr/bin/env python3
"""Regenerates the PyTorch-exported ONNX fixtures of OnnxImportTests.

Run with Debian's PyTorch (apt-get install python3-torch python3-onnx libopenblas0):
    /usr/bin/python3 tests/RnnGpu.Tests/Fixtures/onnx/make_fixtures.py
Each fixture is a folder: model.onnx (torch.onnx.export, opset 14), the inputs (X.npy float32 (T, B, I), or (B, T, I) for
batch_first; h0.npy / c0.npy
float32 (L*D, B, H) when the model takes them; lengths.npy int64 (B) for packed sequences) and PyTorch's outputs
(output.npy (T, B, D*H), h_n.npy, c_n.npy). Seeds are fixed; files are a few KB.
"""
import os
import warnings

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
T, B = 5, 3


class Packed(torch.nn.Module):
    """An RNN over packed sequences (lengths sorted longest first), padded back to T steps."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths, enforce_sorted=True)
        out, state = self.rnn(packed)
        out, _ = pad_packed_sequence(out, total_length=x.shape[0])
        return (out,) + (state if isinstance(state, tuple) else (state,))


def save(name, module, states, packed=False, seed=0):
    torch.manual_seed(seed)
    rnn = module()
    rnn.eval()
    for p in rnn.parameters():  # visibly non-default weights and biases
        torch.nn.init.uniform_(p, -0.6, 0.6)
    lstm = isinstance(rnn, torch.nn.LSTM)
    ld = rnn.num_layers * (2 if rnn.bidirectional else 1)
    bf = rnn.batch_first
    x = torch.randn(B, T, rnn.input_size) if bf else torch.randn(T, B, rnn.input_size)
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    inputs, names = [x], ["input"]
    if packed:
        lengths = torch.tensor([T, 4, 2], dtype=torch.int64)
        inputs.append(lengths)
        names.append("lengths")
        model = Packed(rnn)
        args = tuple(inputs)
    else:
        model = rnn
        if states:
            h0 = torch.randn(ld, B, rnn.hidden_size)
            c0 = torch.randn(ld, B, rnn.hidden_size)
            inputs += [h0, c0] if lstm else [h0]
            names += ["h0", "c0"] if lstm else ["h0"]
            args = (x, (h0, c0)) if lstm else (x, h0)
        else:
            args = (x,)
    outputs = ["output", "h_n", "c_n"] if lstm else ["output", "h_n"]
    with torch.no_grad():
        result = model(*args)
        dynamic = {n: ({0: "B", 1: "T"} if bf else {0: "T", 1: "B"}) for n in ["input", "output"]}
        torch.onnx.export(model, args, os.path.join(folder, "model.onnx"), opset_version=14,
                          input_names=names, output_names=outputs, dynamic_axes=dynamic)
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], tuple):
        result = (result[0],) + result[1]
    elif isinstance(result, tuple) and len(result) == 2:
        result = (result[0], result[1])
    file_of = {"input": "X", "lengths": "lengths", "h0": "h0", "c0": "c0"}
    for n, v in zip(names, inputs):
        np.save(os.path.join(folder, file_of[n] + ".npy"), v.numpy())
    for n, v in zip(outputs, result):
        np.save(os.path.join(folder, n + ".npy"), v.numpy().astype(np.float32))
    print(name, os.path.getsize(os.path.join(folder, "model.onnx")), "bytes")


save("lstm_2layers_bidirectional_states", lambda: torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True), states=True)
save("lstm_1layer", lambda: torch.nn.LSTM(2, 5), states=False, seed=1)
save("gru_2layers_bidirectional", lambda: torch.nn.GRU(3, 4, num_layers=2, bidirectional=True), states=False, seed=2)
save("gru_3layers_states", lambda: torch.nn.GRU(2, 3, num_layers=3), states=True, seed=3)
save("rnn_relu_3layers_states", lambda: torch.nn.RNN(3, 4, num_layers=3, nonlinearity="relu"), states=True, seed=4)
save("rnn_tanh_bidirectional_nobias", lambda: torch.nn.RNN(2, 3, bidirectional=True, bias=False), states=False, seed=5)
save("lstm_packed_lengths", lambda: torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True), states=False, packed=True, seed=6)
save("lstm_batch_first", lambda: torch.nn.LSTM(3, 4, batch_first=True), states=False, seed=7)
save("gru_batch_first_2layers_bidirectional_states", lambda: torch.nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True),
     states=True, seed=8)


class Whole(torch.nn.Module):
    """A whole model as a user writes one: Embedding -> 2-layer bidirectional LSTM -> Linear over every step."""

    def __init__(self, log_softmax=False):
        super().__init__()
        self.log_softmax = log_softmax
        self.emb = torch.nn.Embedding(11, 6)
        self.rnn = torch.nn.LSTM(6, 5, num_layers=2, bidirectional=True)
        self.fc = torch.nn.Linear(10, 4)

    def forward(self, tokens):
        y, _ = self.rnn(self.emb(tokens))
        y = self.fc(y)
        return y.log_softmax(2) if self.log_softmax else y


def save_whole(name, seed, log_softmax=False):
    torch.manual_seed(seed)
    model = Whole(log_softmax)
    model.eval()
    for p in model.parameters():
        torch.nn.init.uniform_(p, -0.6, 0.6)
    tokens = torch.randint(0, 11, (T, B), dtype=torch.int64)
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    with torch.no_grad():
        logits = model(tokens)
        torch.onnx.export(model, (tokens,), os.path.join(folder, "model.onnx"), opset_version=14, input_names=["tokens"],
                          output_names=["logits"], dynamic_axes={"tokens": {0: "T", 1: "B"}, "logits": {0: "T", 1: "B"}})
    np.save(os.path.join(folder, "tokens.npy"), tokens.numpy())
    np.save(os.path.join(folder, "logits.npy"), logits.numpy().astype(np.float32))
    print(name, os.path.getsize(os.path.join(folder, "model.onnx")), "bytes")


save_whole("whole_embedding_bilstm_linear", seed=9)
save_whole("whole_embedding_bilstm_linear_logsoftmax", seed=10, log_softmax=True)
