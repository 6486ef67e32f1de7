#!/usr/bin/python3
"""ONNX's own backend conformance cases for LSTM, GRU and RNN, as files RnnGpu's tests read.

Runs the case definitions that ship with the onnx package (onnx/backend/test/case/node/{lstm,gru,rnn}.py, their numpy
reference implementations included), with `expect` replaced to capture each case's node, inputs and expected outputs,
and writes per case: model.onnx (the node in a graph; W, R, B, initial states and peepholes as initializers, X and
sequence_lens as graph inputs), X.npy, lengths.npy (int64, when the case has sequence_lens) and one expected .npy per
named output (Y.npy, Y_h.npy, Y_c.npy). Needs Debian's python3-onnx (and numpy): /usr/bin/python3 make_conformance.py
"""
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper
import onnx.backend.test.case.node.gru as gru
import onnx.backend.test.case.node.lstm as lstm
import onnx.backend.test.case.node.rnn as rnn

here = os.path.dirname(os.path.abspath(__file__))
captured = []


def capture(node, inputs, outputs, name, **_):
    captured.append((node, inputs, outputs, name))


for module in (lstm, gru, rnn):
    module.expect = capture
for cls in (lstm.LSTM, gru.GRU, rnn.RNN):
    for attr in sorted(dir(cls)):
        if attr.startswith("export"):
            getattr(cls, attr)()

for node, inputs, outputs, name in captured:
    out = os.path.join(here, name)
    os.makedirs(out, exist_ok=True)
    roles = ["X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"]
    graph_inputs, initializers = [], []
    for i, value in enumerate(inputs):
        role, arg = roles[i], node.input[i]
        if arg == "":
            continue
        if role == "X":
            graph_inputs.append(helper.make_tensor_value_info(arg, onnx.TensorProto.FLOAT, value.shape))
            np.save(os.path.join(out, "X.npy"), value.astype(np.float32))
        elif role == "sequence_lens":
            graph_inputs.append(helper.make_tensor_value_info(arg, onnx.TensorProto.INT32, value.shape))
            np.save(os.path.join(out, "lengths.npy"), value.astype(np.int64))
        else:
            initializers.append(numpy_helper.from_array(value.astype(np.float32), arg))
    named = [o for o in node.output if o != ""]
    graph_outputs = [helper.make_tensor_value_info(o, onnx.TensorProto.FLOAT, v.shape) for o, v in zip(named, outputs)]
    for o, v in zip(named, outputs):
        np.save(os.path.join(out, o + ".npy"), v.astype(np.float32))
    graph = helper.make_graph([node], name, graph_inputs, graph_outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "model.onnx"))
    print(name, [n for n in named])
print(len(captured), "cases", file=sys.stderr)
