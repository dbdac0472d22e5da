"""Which float32 differences make the engine's MLP run leave PyTorch's (docs/mlp.md, "Why they
drift"). Replays the first steps of the lecture's run in numpy, each op either as PyTorch 1.13.1
computes it on x86 (the bit-exact emulations of scripts/x86_float32_ops.py) or as the engine
computes it (the rules of engine/ops/matmul.ts, math.ts, reduce.ts, nn/functional/softmax.ts),
and prints the relative loss difference to PyTorch's own autograd run.

Usage:
  npx tsx mlp/drift.ts --losses 100 > /tmp/engine-losses.json
  OMP_NUM_THREADS=1 /usr/bin/python3 scripts/mlp_drift_parts.py ../shared/data/names.txt /tmp/engine-losses.json [steps]
The two validation lines must say True: the all-PyTorch replay equals torch's autograd run, and
the all-engine replay equals the engine's own losses, bit for bit."""
import json, sys
import numpy as np
import torch
import torch.nn.functional as F
import x86_float32_ops as X
from mlp_drift import training_split

torch.set_num_threads(1)
f32, f64 = np.float32, np.float64
engine_losses = json.load(open(sys.argv[2]))
STEPS = int(sys.argv[3]) if len(sys.argv) > 3 else 100
Xtr, Ytr = training_split(sys.argv[1])


def reference():
    """PyTorch's autograd run (as scripts/mlp_drift.py): initial parameters, batches, losses."""
    g = torch.Generator().manual_seed(2147483647)
    ps = [torch.randn(s, generator=g) for s in [(27, 10), (30, 200), (200,), (200, 27), (27,)]]
    init = [p.clone().numpy() for p in ps]
    for p in ps: p.requires_grad = True
    C, W1, b1, W2, b2 = ps
    losses, batches = [], []
    for _ in range(STEPS):
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
        batches.append((Xtr[ix].numpy(), Ytr[ix].numpy()))
        h = torch.tanh(C[Xtr[ix]].view(-1, 30) @ W1 + b1)
        loss = F.cross_entropy(h @ W2 + b2, Ytr[ix])
        for p in ps: p.grad = None
        loss.backward()
        for p in ps: p.data += -0.1 * p.grad
        losses.append(loss.item())
    return init, batches, losses


# ---- the engine's rules

def mm_engine(a, b):
    n, k = a.shape; m = b.shape[1]
    if n * m <= 4096 and k > 4 * n:      # float64Sums: exact products summed in a double, rounded once
        acc = np.zeros((n, m), f64)
        for p in range(k): acc = acc + a[:, p:p + 1].astype(f64) * b[p:p + 1, :].astype(f64)
        return acc.astype(f32)
    acc = np.zeros((n, m), f32)           # in order from +0, product and sum each rounded
    for p in range(k): acc = (acc + (a[:, p:p + 1] * b[p:p + 1, :]).astype(f32)).astype(f32)
    return acc


def tanh_engine(x): return np.tanh(x.astype(f64)).astype(f32)                       # fround(Math.tanh)
def tanhb_engine(g, y): return (g * (f32(1) - y * y).astype(f32)).astype(f32)      # g.mul(out.mul(out).neg().add(1))
def exp_engine(z): return np.exp(z.astype(f64)).astype(f32)
def log_engine(z): return np.log(z.astype(f64)).astype(f32)


def ce_engine(logits, Y):
    """logSoftmax (z = x - max; z - log(sum(exp z)), the row sum in PyTorch's sum() order, which
    the engine's cascade-sum.ts follows), nllLoss mean (PyTorch's sum() order, / 32), backward."""
    z = (logits - logits.max(1, keepdims=True)).astype(f32)
    s = torch.sum(torch.from_numpy(exp_engine(z)), 1, keepdim=True).numpy()
    lp = (z - log_engine(s)).astype(f32)
    loss = f32(torch.sum(torch.from_numpy(-lp[np.arange(len(Y)), Y])).item() / len(Y))
    g = np.zeros_like(lp); g[np.arange(len(Y)), Y] = -1.0 / len(Y)
    return loss, (g - (exp_engine(lp) * g.sum(1, keepdims=True, dtype=f32)).astype(f32)).astype(f32)


def ce_x86(logits, Y):
    lp = X.log_softmax(logits)
    g = np.zeros_like(lp); g[np.arange(len(Y)), Y] = -1.0 / len(Y)
    return X.nll_loss_mean(lp, Y), X.log_softmax_backward(g, lp)


def colsum_engine(x): return x.astype(f64).sum(0).astype(f32)


PARTS = {
    'mm': (X.sgemm, mm_engine),
    'tanh': (lambda x: X.sleef('tanh', x), tanh_engine),
    'tanh_bwd': (X.tanh_backward, tanhb_engine),
    'cross_entropy': (ce_x86, ce_engine),
    'bias_grad_sum': (X.sum0, colsum_engine),
}


def run(init, batches, x86_parts, lr=0.1):
    """The step with the parts in x86_parts as PyTorch computes them, the others as the engine does."""
    mm, tanh, tanhb, ce, colsum = [PARTS[k][0 if k in x86_parts else 1] for k in PARTS]
    C, W1, b1, W2, b2 = [p.copy() for p in init]
    nlr, losses = f32(-lr), []
    for Xb, Yb in batches:
        emb = C[Xb].reshape(len(Xb), -1)
        h = tanh((mm(emb, W1) + b1).astype(f32))
        loss, dlogits = ce((mm(h, W2) + b2).astype(f32), Yb)
        losses.append(float(loss))
        db2 = colsum(dlogits); dW2 = mm(h.T, dlogits); dh = mm(dlogits, W2.T)
        dpre = tanhb(dh, h)
        db1 = colsum(dpre); dW1 = mm(emb.T, dpre); demb = mm(dpre, W1.T)
        dC = np.zeros_like(C); np.add.at(dC, Xb.reshape(-1), demb.reshape(-1, C.shape[1]))   # serial, index order
        for p, gr in zip((C, W1, b1, W2, b2), (dC, dW1, db1, dW2, db2)):
            p += (gr * nlr).astype(f32)
    return losses


def line(name, losses, ref):
    rel = np.array([abs(a - b) / abs(b) for a, b in zip(losses, ref)])
    over = np.nonzero(rel > 1e-4)[0]
    print(f'| {name} | {rel[0]:.1e} | {rel.max():.1e} | {over[0] if len(over) else "—"} | {sum(a == b for a, b in zip(losses, ref))} |', flush=True)


if __name__ == '__main__':
    init, batches, ref = reference()
    eng = engine_losses[:STEPS]
    all_parts = set(PARTS)
    print(f'validation: all-PyTorch replay == torch autograd run ({STEPS} steps, bit for bit):', run(init, batches, all_parts) == ref)
    print(f'validation: all-engine replay == the engine\'s own losses ({STEPS} steps, bit for bit):', run(init, batches, set()) == eng)
    print(f'\n| run (first {STEPS} steps) | step 0 | largest relative loss difference | first step > 1e-4 | steps bit-equal |')
    print('| --- | --- | --- | --- | --- |')
    line('the engine', eng, ref)
    for k in PARTS:
        line(f'the engine with PyTorch\'s {k}', run(init, batches, {k}), ref)
    for keep in PARTS:
        line(f'PyTorch with the engine\'s {keep}', run(init, batches, all_parts - {keep}), ref)
    PARTS['mm'] = (X.mm_in_order_fma, mm_engine)
    line('PyTorch, but mm an in-order FMA chain (no 2-way split tiles)', run(init, batches, all_parts), ref)
    PARTS['mm'] = (X.sgemm, mm_engine)
    for pi, idx, name in [(1, (0, 0), 'W1[0,0]'), (0, (3, 4), 'C[3,4]'), (3, (100, 10), 'W2[100,10]')]:
        p = [x.copy() for x in init]
        p[pi][idx] = np.nextafter(p[pi][idx], f32(np.inf))
        line(f'PyTorch, {name} one ulp higher at the start', run(p, batches, all_parts), ref)
