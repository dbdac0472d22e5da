#!/usr/bin/env python3
"""The workloads of bench/run.ts (W1-W8) in PyTorch, for anyone who has it.

    python3 bench/torch_peer.py [--threads 1] [--quick]

Data: $MAKEMORE_NAMES, else ../shared/data/names.txt relative to the repository root, else the
same names embedded in bigram/lecture-names.ts (as bench/run.ts).
Prints the same table as `npm run bench` (median and min-max ms over repeated runs after
warm-up) and writes bench/results/torch-<date>.json.
"""
import argparse
import datetime
import json
import os
import re
import resource
import statistics
import time

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ap = argparse.ArgumentParser()
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--quick', action='store_true')
args = ap.parse_args()
torch.set_num_threads(args.threads)

def names_text():
    """The names file's text: $MAKEMORE_NAMES, ../shared/data/names.txt, or the embedded copy."""
    env = os.environ.get('MAKEMORE_NAMES')
    shared = os.path.join(ROOT, '../shared/data/names.txt')
    if env or os.path.exists(shared):
        path = env or shared
        try:
            return open(path, encoding='utf-8').read(), path
        except OSError as e:
            raise SystemExit(f'torch_peer: cannot read names file {path!r}: {e.strerror}')
    # a clone with nothing beside it: the names.txt embedded in the package, byte for byte
    src = open(os.path.join(ROOT, 'bigram/lecture-names.ts'), encoding='utf-8').read()
    return re.search(r'export const LECTURE_NAMES_TEXT(?:: string)? = `([^`]*)`', src).group(1), 'names.txt, embedded'


text, path = names_text()
words = text.splitlines()
chars = sorted(set(''.join(words)))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi['.'] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
xs_l, ys_l = [], []
for w in words:
    chs = ['.'] + list(w) + ['.']
    for a, b in zip(chs, chs[1:]):
        xs_l.append(stoi[a])
        ys_l.append(stoi[b])
xs = torch.tensor(xs_l)
ys = torch.tensor(ys_l)
n = xs.nelement()

results = []


def bench(workload, name, fn, warmup=3, min_runs=10, max_runs=200, min_ms=1000, extra=None):
    if args.quick:
        warmup, min_runs, max_runs, min_ms = 1, 3, 5, 0
    for _ in range(warmup):
        fn()
    samples, total = [], 0.0
    while len(samples) < max_runs and (len(samples) < min_runs or total < min_ms):
        t0 = time.perf_counter()
        fn()
        dt = (time.perf_counter() - t0) * 1000
        samples.append(dt)
        total += dt
    med = statistics.median(samples)
    r = {'workload': workload, 'name': name, 'median': med, 'min': min(samples), 'max': max(samples),
         'runs': len(samples), 'samples': samples, 'extra': extra(med) if extra else None}
    results.append(r)
    ex = ' '.join(f'{k}={v:.4g}' for k, v in (r['extra'] or {}).items())
    print(f"{(workload + ' ' + name):46s} {med:10.3f} {r['min']:8.3f}-{r['max']:<8.3f} {len(samples):5d}  {ex}")


print(f'torch {torch.__version__}, threads {torch.get_num_threads()}, {path}: {n} bigrams, vocabulary {V}')

# W1: the lecture's training step
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((V, V), generator=g, requires_grad=True)


def step():
    xenc = F.one_hot(xs, num_classes=V).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(n), ys].log().mean() + 0.01 * (W ** 2).mean()
    W.grad = None
    loss.backward()
    W.data += -50 * W.grad


bench('W1', 'training step (forward+backward+update)', step, min_runs=15)

# W2: matmul
A = torch.randn(512, 512)
B = torch.randn(512, 512)
bench('W2', 'matmul 512x512 @ 512x512', lambda: A @ B, min_runs=5, extra=lambda m: {'GFLOPs': 2 * 512 ** 3 / m / 1e6})
X = torch.randn(n, V)
Wm = torch.randn(V, V)
bench('W2', f'matmul {n}x{V} @ {V}x{V} (dense)', lambda: X @ Wm, min_runs=5, extra=lambda m: {'GFLOPs': 2 * n * V * V / m / 1e6})
onehot = F.one_hot(xs, num_classes=V).float()
bench('W2', f'matmul {n}x{V} @ {V}x{V} (one-hot)', lambda: onehot @ Wm, min_runs=5)
bench('W2', f'matmul {V}x{n} @ {n}x{V} (xenc.T @ G)', lambda: onehot.T @ X, min_runs=5)

# W3: broadcast divide, exp, log, mul
a = torch.randn(1000, 1000)
b = torch.randn(1000, 1)
bench('W3', 'broadcast div (1000x1000)/(1000x1)', lambda: a / b, min_runs=30)
x = torch.randn(1_000_000)
bench('W3', 'exp of 1e6', lambda: x.exp(), min_runs=30)
ex = x.exp()
bench('W3', 'log of 1e6', lambda: ex.log(), min_runs=30)
bench('W3', 'tanh of 1e6', lambda: x.tanh(), min_runs=30)
bench('W3', 'sqrt of 1e6', lambda: ex.sqrt(), min_runs=30)
bench('W3', 'pow 2 of 1e6 (x ** 2)', lambda: x ** 2, min_runs=30)
bench('W3', 'same-shape mul 1e6', lambda: x * x, min_runs=30)

# W4: sums
bench('W4', 'sum(0, keepdim) of 1000x1000', lambda: a.sum(0, keepdim=True), min_runs=30)
bench('W4', 'sum(1, keepdim) of 1000x1000', lambda: a.sum(1, keepdim=True), min_runs=30)


# W5: counting
def count_loop():
    N = torch.zeros((V, V), dtype=torch.int32)
    for i, j in zip(xs_l, ys_l):
        N[i, j] += 1
    return N


def count_vec():
    return (F.one_hot(xs, V).float().T @ F.one_hot(ys, V).float()).int()


bench('W5', 'countBigramsLoop (N[i,j] += 1)', count_loop, min_runs=5)
bench('W5', 'countBigrams (vectorised)', count_vec, min_runs=5)
P = (count_vec() + 1).float()
P /= P.sum(1, keepdims=True)


def evaluate():
    ll = 0.0
    for i, j in zip(xs_l, ys_l):
        ll += torch.log(P[i, j])
    return ll


bench('W5', 'evaluate loop (log P[i,j] summed)', evaluate, min_runs=5)


# W6: sampling
def sample():
    g = torch.Generator().manual_seed(2147483647)
    out = []
    for _ in range(1000):
        ix, name = 0, []
        while True:
            ix = torch.multinomial(P[ix], num_samples=1, replacement=True, generator=g).item()
            name.append(itos[ix])
            if ix == 0:
                break
        out.append(''.join(name))
    return out


bench('W6', 'sample 1,000 names (counts model)', sample, min_runs=10)
g6 = torch.Generator().manual_seed(1)
bench('W6', 'randn 1e6', lambda: torch.randn(1_000_000, generator=g6), min_runs=10)
bench('W6', 'multinomial 1e5 samples (replacement)', lambda: torch.multinomial(P[0], 100_000, replacement=True, generator=g6), min_runs=10)


# W7: the MLP of makemore part 2 (the reference run's step, seeded generator)
import random as _random
mlp_words = list(words)
_random.seed(42)
_random.shuffle(mlp_words)
n1, n2 = int(0.8 * len(mlp_words)), int(0.9 * len(mlp_words))


def build_dataset(ws, block_size=3):
    X, Y = [], []
    for w in ws:
        context = [0] * block_size
        for ch in w + '.':
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(X), torch.tensor(Y)


Xtr, Ytr = build_dataset(mlp_words[:n1])
Xdev, Ydev = build_dataset(mlp_words[n1:n2])
g7 = torch.Generator().manual_seed(2147483647)
mlp_params = [torch.randn(s, generator=g7) for s in [(27, 10), (30, 200), (200,), (200, 27), (27,)]]
for p in mlp_params:
    p.requires_grad = True
C7, W17, b17, W27, b27 = mlp_params


def mlp_steps(steps=1000):
    for _ in range(steps):
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g7)
        emb = C7[Xtr[ix]]
        h = torch.tanh(emb.view(-1, 30) @ W17 + b17)
        loss = F.cross_entropy(h @ W27 + b27, Ytr[ix])
        for p in mlp_params:
            p.grad = None
        loss.backward()
        for p in mlp_params:
            p.data += -0.1 * p.grad


def dev_loss():
    with torch.no_grad():
        h = torch.tanh(C7[Xdev].view(-1, 30) @ W17 + b17)
        return F.cross_entropy(h @ W27 + b27, Ydev).item()


bench('W7', 'MLP: 1,000 training steps', mlp_steps, warmup=1, min_runs=3, max_runs=10, min_ms=0)
bench('W7', 'MLP: loss of the whole dev split (22,655 rows)', dev_loss, min_runs=5)


# W8: the cost of one small op, the size of the MLP's steps (as bench/run.ts W8: OPS ops per run)
OPS = 200
g8 = torch.Generator().manual_seed(8)
h8 = torch.randn(32, 200, generator=g8)
emb8 = torch.randn(32, 30, generator=g8)
w8 = torch.randn(30, 200, generator=g8)
wg8 = torch.randn(30, 200, generator=g8, requires_grad=True)
bg8 = torch.randn(200, generator=g8, requires_grad=True)


def per_op(name, op):
    def run():
        for _ in range(OPS):
            op()
    bench('W8', f'{name} (us per op)', run, min_runs=20, max_runs=400, min_ms=500, extra=lambda m: {'usPerOp': m * 1000 / OPS})


def small_backward():
    y = torch.tanh(emb8 @ wg8 + bg8).sum()
    wg8.grad = None
    bg8.grad = None
    y.backward()


per_op('add 32x200 + 32x200', lambda: h8 + h8)
per_op('mul 32x200 * 32x200', lambda: h8 * h8)
per_op('tanh 32x200', lambda: h8.tanh())
per_op('matmul 32x30 @ 30x200', lambda: emb8 @ w8)
per_op('matmul 32x200 @ 200x30.T (long k)', lambda: h8 @ w8.T)
per_op('sum(0) of 32x200', lambda: h8.sum(0))
per_op('backward of tanh(x@W + b).sum(), x 32x30', small_backward)

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f'peak RSS {peak:.1f} MB')
os.makedirs(os.path.join(ROOT, 'bench/results'), exist_ok=True)
date = datetime.datetime.utcnow().isoformat()
out = os.path.join(ROOT, 'bench/results', f"torch-{date.replace(':', '-').replace('.', '-')}.json")
with open(out, 'w') as f:
    json.dump({'date': date, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'cpus': os.cpu_count(),
               'peakRssMB': peak, 'results': results}, f, indent=2)
print('wrote', out)
