#!/usr/bin/env python3
"""The table of bench/cpu-peers.sh: RnnGpu (`rnngpu bench`), PyTorch (bench/torch_cpu_bench.py) and ONNX Runtime
(`RnnGpu.Bench ort`) at the same sizes, from the JSON files they wrote into DIR:
  rnngpu-I-H-B-T.json, torch-I-H-B-T.json, ort-I-H-B-T.json
Writes DIR/peers.md (also printed) and DIR/peers.json (the rows and the context).

Ratio = peer ms / RnnGpu ms = RnnGpu's speed over the peer's: above 1 RnnGpu is faster; the project's goal is at
least 0.5 (RnnGpu at least half as fast as the peer).

  python3 bench/cpu_peers_table.py DIR --size 256,256,1,100 --size 32,64,100,50 --load-start "..." --load-end "..."
"""
import argparse
import json
import os
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def fmt(v, digits):
    return "-" if v is None else f"{v:.{digits}f}"


def fmt_ratio(v):
    """Two decimals from 0.1 up, two significant digits below (0.043, not 0.04)."""
    return "-" if v is None else f"{v:.2f}" if v >= 0.1 else f"{v:.2g}"


def ratio(peer, mine):
    return None if peer is None or mine is None else peer / mine


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--size", action="append", required=True, metavar="I,H,B,T")
    ap.add_argument("--load-start", default="?")
    ap.add_argument("--load-end", default="?")
    args = ap.parse_args()

    rows, mine_env, torch_env, ort_env = [], None, None, None
    for size in args.size:
        i, h, b, t = (int(v) for v in size.split(","))
        tag = f"{i}-{h}-{b}-{t}"
        paths = {k: os.path.join(args.dir, f"{k}-{tag}.json") for k in ("rnngpu", "torch", "ort")}
        missing = [p for p in paths.values() if not os.path.exists(p)]
        if missing:
            print(f"cpu_peers_table.py: missing {', '.join(missing)}", file=sys.stderr)
            sys.exit(1)
        mine_env, torch_env, ort_env = (load(paths[k]) for k in ("rnngpu", "torch", "ort"))
        m, p, o = mine_env["results"][0], torch_env["results"][0], ort_env["results"][0]
        rows.append({
            "input": i, "hidden": h, "batch": b, "seq": t,
            "rnngpu_forward_ms": m["forward_ms"], "torch_forward_ms": p["forward_ms"], "ort_forward_ms": o["forward_ms"],
            "torch_over_rnngpu_forward": ratio(p["forward_ms"], m["forward_ms"]),
            "ort_over_rnngpu_forward": ratio(o["forward_ms"], m["forward_ms"]),
            "rnngpu_train_ms": m["train_ms"], "rnngpu_train_gflops": m["train_gflops"],
            "torch_train_ms": p["train_ms"], "torch_train_gflops": p["train_gflops"],
            "torch_over_rnngpu_train": ratio(p["train_ms"], m["train_ms"]),
            "rnngpu_forward_gflops": m["forward_gflops"], "torch_forward_gflops": p["forward_gflops"],
            "ort_forward_gflops": o["forward_gflops"],
            "rnngpu_path": m.get("path"), "rnngpu_validation_rel_error": m["validation_rel_error"],
            "rnngpu_validation_size": m["validation_size"],
            "torch_validation_rel_error": p["validation_rel_error"],
            "ort_max_rel_diff": o["max_rel_diff"], "ort_l2_rel_diff": o["l2_rel_diff"], "ort_max_abs_diff": o["max_abs_diff"],
            "reps": {"rnngpu": m["reps"], "torch": p["reps"], "ort": o["reps"]},
        })

    context = {
        "cpu": cpu_model(), "logical_cores": os.cpu_count(),
        "load_start": args.load_start, "load_end": args.load_end,
        "rnngpu_accelerator": f"{mine_env['accelerator']} ({mine_env['device_name']})", "rnngpu_machine": mine_env["machine"],
        "torch": torch_env["torch"], "torch_threads": torch_env["torch_threads"],
        "openblas_num_threads": torch_env["openblas_num_threads"], "torch_blas": torch_env["blas"],
        "ort": ort_env["ort_version"], "ort_provider": ort_env["provider"],
        "ort_intra_op_threads": ort_env["results"][0]["intra_op_threads"],
        "date": mine_env["date"],
    }

    head = ["I/H/B/T", "RnnGpu fwd ms", "torch fwd ms", "ORT fwd ms", "torch/RnnGpu fwd", "ORT/RnnGpu fwd",
            "RnnGpu train ms", "RnnGpu train GFLOP/s", "torch train ms", "torch train GFLOP/s", "torch/RnnGpu train"]
    table = [head] + [[
        f"{r['input']}/{r['hidden']}/{r['batch']}/{r['seq']}",
        fmt(r["rnngpu_forward_ms"], 2), fmt(r["torch_forward_ms"], 2), fmt(r["ort_forward_ms"], 2),
        fmt_ratio(r["torch_over_rnngpu_forward"]), fmt_ratio(r["ort_over_rnngpu_forward"]),
        fmt(r["rnngpu_train_ms"], 2), fmt(r["rnngpu_train_gflops"], 1),
        fmt(r["torch_train_ms"], 2), fmt(r["torch_train_gflops"], 1), fmt_ratio(r["torch_over_rnngpu_train"]),
    ] for r in rows]
    width = [max(len(row[c]) for row in table) for c in range(len(head))]
    line = lambda row: "| " + " | ".join(v.ljust(w) for v, w in zip(row, width)) + " |"
    md = [
        f"CPU peers in one run, {context['date']}: {context['cpu']}, {context['logical_cores']} logical cores; "
        f"`uptime` load averages (1, 5, 15 min) at start {context['load_start']}, at end {context['load_end']}.",
        "",
        f"- RnnGpu: `rnngpu bench` on {context['rnngpu_accelerator']}, {context['rnngpu_machine']}.",
        f"- PyTorch {context['torch']}: torch.set_num_threads({context['torch_threads']}), "
        f"OPENBLAS_NUM_THREADS={context['openblas_num_threads']}, BLAS {context['torch_blas']}.",
        f"- ONNX Runtime {context['ort']}: {context['ort_provider']}, IntraOpNumThreads={context['ort_intra_op_threads']}, "
        "forward only, on RnnGpu's exported model.",
        "",
        line(head),
        "|" + "|".join("-" * (w + 2) for w in width) + "|",
    ] + [line(row) for row in table[1:]] + [""]
    md.append("Ratio = peer ms / RnnGpu ms (RnnGpu's speed over the peer's): above 1 RnnGpu is faster; "
              "the goal is at least 0.5 (RnnGpu at least half the peer's speed). "
              "One layer, one direction, float32; medians after warm-up. "
              "FLOPs as RnnGpu counts them: forward 2*T*B*(I+H)*4*H (LSTM), training step 3x forward.")
    for r in rows:
        if r["batch"] == 1:
            per = lambda ms: f"{ms * 1e3 / r['seq']:.0f}"
            md += ["", f"Streaming, {r['input']}/{r['hidden']}/1/{r['seq']}: forward per step (forward / T) "
                      f"RnnGpu {per(r['rnngpu_forward_ms'])} µs, torch {per(r['torch_forward_ms'])} µs, "
                      f"ORT {per(r['ort_forward_ms'])} µs."]
    md += ["", "Validated before timing: RnnGpu against the float64 reference (relative error "
              f"{max(r['rnngpu_validation_rel_error'] for r in rows):.1e} at most); torch's forward against a float64 NumPy "
              f"evaluation of its own weights ({max(r['torch_validation_rel_error'] for r in rows):.1e} at most); "
              "ONNX Runtime's outputs against RnnGpu's on the same weights and input "
              f"(max |diff| / max |RnnGpu| {max(r['ort_max_rel_diff'] for r in rows):.1e} at most, "
              f"L2 relative {max(r['ort_l2_rel_diff'] for r in rows):.1e})."]
    text = "\n".join(md) + "\n"
    print(text, end="")
    with open(os.path.join(args.dir, "peers.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.dir, "peers.json"), "w") as f:
        json.dump({"context": context, "rows": rows}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
