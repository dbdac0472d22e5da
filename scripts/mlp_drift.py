"""Parameters of PyTorch's MLP run (ref_mlp.py's loop) after steps 1, 10, 100, 1000, 10000, for
measuring how far the engine drifts from it (mlp/drift.ts reads the output).
Usage: OMP_NUM_THREADS=1 /usr/bin/python3 scripts/mlp_drift.py ../shared/data/names.txt /tmp/mlp-drift.json"""
import json, random, sys
import torch
import torch.nn.functional as F
torch.set_num_threads(1)


def training_split(path):
    """Xtr, Ytr of the lecture: names.txt shuffled with random.seed(42), the first 80%, contexts of 3."""
    words = open(path).read().splitlines()
    chars = sorted(set(''.join(words))); stoi = {s: i + 1 for i, s in enumerate(chars)}; stoi['.'] = 0
    random.seed(42); random.shuffle(words)
    X, Y = [], []
    for w in words[:int(0.8 * len(words))]:
        c = [0] * 3
        for ch in w + '.':
            ix = stoi[ch]; X.append(c); Y.append(ix); c = c[1:] + [ix]
    return torch.tensor(X), torch.tensor(Y)


if __name__ == '__main__':
    Xtr, Ytr = training_split(sys.argv[1])
    g = torch.Generator().manual_seed(2147483647)
    ps = [torch.randn(s, generator=g) for s in [(27, 10), (30, 200), (200,), (200, 27), (27,)]]
    for p in ps: p.requires_grad = True
    C, W1, b1, W2, b2 = ps
    snaps = {}
    checkpoints = {1, 10, 100, 1000, 10000}
    for i in range(max(checkpoints)):
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
        h = torch.tanh(C[Xtr[ix]].view(-1, 30) @ W1 + b1)
        loss = F.cross_entropy(h @ W2 + b2, Ytr[ix])
        for p in ps: p.grad = None
        loss.backward()
        for p in ps: p.data += -0.1 * p.grad
        if i + 1 in checkpoints:
            snaps[i + 1] = [p.detach().flatten().tolist() for p in ps]
    json.dump(snaps, open(sys.argv[2], 'w'))
