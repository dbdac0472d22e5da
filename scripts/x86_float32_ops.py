"""Bit-exact emulation of every float32 operation of one MLP training step (docs/mlp.md §5) as
PyTorch 1.13.1 computes it on this machine: Debian's build (CPU capability AVX2), OpenBLAS
0.3.21 (libopenblas0-pthread, DYNAMIC_ARCH, core "Zen"), SLEEF 3.5.1 (libsleef3), 1 thread.

What each op is, found from the sources and proved below against torch on random operands:
- mm (all six of the step): OpenBLAS sgemm, kernel sgemm_kernel_8x4_haswell_2.c (KERNEL.ZEN).
  torch calls sgemm with BLAS M = result columns, N = result rows. The driver (level3.c) hands
  the kernel column chunks of 12 while >= 12 remain, then 4 while > 4 remain, then the rest.
  Every element is a float32 FMA chain from +0, k = 0 .. K-1, EXCEPT in the tiles whose kernel
  unrolls k by two into two register sets: m8n4 (chunks of 4 columns) and the m8n6 tiles of the
  12-column chunks (H/T tiles, see split_mask): there even k and odd k accumulate separately for
  k < 8*floor(K/8), the remaining k continue the even chain, and the two are added at the end.
  beta = 0 zeroes C, and C = fma(alpha=1, acc, 0) = acc.
- tanh: Sleef_tanhf8_u10 (ATen Vectorized<float>::tanh); differs from the correctly rounded
  tanh in about 0.7% of values. sleef_tanhf, sleef_expf and sleef_logf are SLEEF's algorithms in
  numpy (engine/ops/sleef-f32.ts in TypeScript).
- tanh_backward: grad * fma(-y, y, 1): g++ contracts `1 - y*y` of the AVX2 kernel into one FMA.
- _log_softmax (last dim): m = row max; z = x - m; s = sum of Sleef_expf8_u10(z) as
  vec::map_reduce_all (8-lane accumulator, a short tail added into the first lanes), the 8 lanes
  reduced by the AVX2 shuffle tree (lanes i+4, then i+2, then i+1); out = z - Sleef_logf8_u10(s).
- _log_softmax_backward_data: g - exp(out) * sum(g) (Sleef exp; sum(g) = -1/32 here, a power of two,
  so the product is exact and contraction does not matter).
- nll_loss (mean): nll_loss_out_frame's 8-level cascade (levels of 16; element 0 goes straight
  to the top level), then / batch.
- sum(dim=0) (the bias gradients): vectorized_outer_sum: blocks of 32 columns by multi_row_sum
  (partial sums cascaded every 16 rows), then 8-column vectors and single columns by row_sum
  (4 interleaved partial sums of every 4th row, added p0 + p1 + p2 + p3).
- index backward (C's gradient): index_put_ with accumulate, serial, in index order.
- the update p += -lr * grad: two float32 roundings (mul, then add).

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 scripts/x86_float32_ops.py   (the self-test; needs gcc
and libsleef3 for the SLEEF functions, which it calls through a small C shim built in /tmp)."""
import ctypes, os, subprocess, tempfile
import numpy as np

f32, f64 = np.float32, np.float64


def fma32(a, b, c):
    """Correctly rounded float32 fma(a, b, c) on arrays: the product is exact in float64, the sum
    is rounded to odd (TwoSum, then the last bit forced to 1 when inexact), then to float32."""
    p = np.asarray(a, f32).astype(f64) * np.asarray(b, f32).astype(f64)
    c = np.broadcast_to(np.asarray(c, f32), p.shape).astype(f64)
    s = p + c
    bb = s - p
    err = (p - (s - bb)) + (c - bb)
    odd = (err != 0) & ((s.view(np.int64) & 1) == 0)
    s = np.where(odd, np.nextafter(s, np.where(err > 0, np.inf, -np.inf)), s)
    return s.astype(f32)


# ---- OpenBLAS 0.3.21 sgemm, Zen core (sgemm_kernel_8x4_haswell_2.c), 1 thread

def column_chunks(N):
    """The driver's split of the N columns into kernel calls: 12 while >= 12 remain, then 4 while
    > 4 remain, then the rest (level3.c, GEMM_UNROLL_N = 4; the 2*UNROLL_N step is commented out)."""
    out, j = [], 0
    while j < N:
        r = N - j
        c = 12 if r >= 12 else 4 if r > 4 else r
        out.append((j, c))
        j += c
    return out


def split_mask(M, N):
    """[M, N] (BLAS coordinates) True where the kernel keeps even and odd k in two accumulators."""
    mask = np.zeros((M, N), bool)
    for j0, nc in column_chunks(N):
        if nc == 12 and M >= 16:
            L, R = slice(j0, j0 + 6), slice(j0 + 6, j0 + 12)
            mask[0:8, L] = True               # COMPUTE_H_m8n6: rows 0-7, left 6 columns
            p, m = 0, M
            while True:                       # R_m16n6 / L_m16n6 tiles (one accumulator) leapfrog
                p += 8; m -= 8                # R_m16n6 at rows p..p+15 done
                if m < 16:
                    mask[p:p + 8, L] = True   # COMPUTE_T_m8n6(L)
                    break
                p += 8; m -= 8                # L_m16n6 at rows p..p+15 done
                if m < 16:
                    mask[p:p + 8, R] = True   # COMPUTE_T_m8n6(R)
                    break
        elif nc == 4:
            mask[0:(M // 8) * 8, j0:j0 + 4] = True   # COMPUTE_m8n4 (m4/m2/m1 tails: one chain)
    return mask


def sgemm(A, B):
    """torch.mm(A, B) of float32 A [m, k] and B [k, n] (any strides), bit for bit."""
    A = np.asarray(A, f32); B = np.asarray(B, f32)
    m, K = A.shape
    n = B.shape[1]
    mask = split_mask(n, m).T                 # BLAS sees C^T = B^T A^T: M = n, N = m
    chain = np.zeros((m, n), f32)
    for k in range(K):
        chain = fma32(A[:, k:k + 1], B[k:k + 1, :], chain)
    even = np.zeros((m, n), f32); odd = np.zeros((m, n), f32)
    K8 = (K // 8) * 8
    for k in range(K):
        if k < K8 and k % 2 == 1: odd = fma32(A[:, k:k + 1], B[k:k + 1, :], odd)
        else: even = fma32(A[:, k:k + 1], B[k:k + 1, :], even)
    return np.where(mask, (even + odd).astype(f32), chain)


def mm_in_order_fma(A, B):
    """An in-order FMA chain for every element (what sgemm would be without its 2-way split tiles)."""
    acc = np.zeros((A.shape[0], B.shape[1]), f32)
    for k in range(A.shape[1]):
        acc = fma32(A[:, k:k + 1], B[k:k + 1, :], acc)
    return acc


# ---- SLEEF 3.5.1 (libsleef3), the AVX2 functions ATen's Vectorized<float> calls

_SHIM = r'''
#include <immintrin.h>
__m256 Sleef_tanhf8_u10(__m256); __m256 Sleef_expf8_u10(__m256); __m256 Sleef_logf8_u10(__m256);
#define MAP(name, f) void name(const float *x, float *y, long n) { long i = 0; \
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, f(_mm256_loadu_ps(x + i))); \
  if (i < n) { float a[8] = {0}, b[8]; for (long j = i; j < n; j++) a[j - i] = x[j]; \
    _mm256_storeu_ps(b, f(_mm256_loadu_ps(a))); for (long j = i; j < n; j++) y[j] = b[j - i]; } }
MAP(sleef_tanh, Sleef_tanhf8_u10)
MAP(sleef_exp, Sleef_expf8_u10)
MAP(sleef_log, Sleef_logf8_u10)
'''
_lib = None


def sleef(name, x):
    """Sleef_{tanh,exp,log}f8_u10 of a float32 array, called in libsleef itself."""
    global _lib
    if _lib is None:
        d = tempfile.mkdtemp(prefix='sleefshim')
        src, so = os.path.join(d, 'shim.c'), os.path.join(d, 'shim.so')
        open(src, 'w').write(_SHIM)
        subprocess.run(['gcc', '-O2', '-mavx2', '-mfma', '-shared', '-fPIC', src, '-o', so, '-l:libsleef.so.3'], check=True)
        _lib = ctypes.CDLL(so)
    x = np.ascontiguousarray(x, f32)
    y = np.empty_like(x)
    getattr(_lib, 'sleef_' + name)(x.ctypes.data_as(ctypes.c_void_p), y.ctypes.data_as(ctypes.c_void_p), ctypes.c_long(x.size))
    return y


# ---- SLEEF 3.5.1 tanhf, expf, logf (u10), AVX2 build (df.h with ENABLE_FMA_SP), in numpy:
# the algorithm engine/ops/sleef-f32.ts follows, checked below against libsleef itself

def _fmapn(x, y, z): return fma32(x, y, -z)        # x*y - z, rounded once
def _fmanp(x, y, z): return fma32(-x, y, z)        # -x*y + z, rounded once
def _add(a, b): return (a + b).astype(f32)
def _sub(a, b): return (a - b).astype(f32)
def _mul(a, b): return (a * b).astype(f32)
def _df_add2_f(x, y):
    hi = _add(x[0], y); v = _sub(hi, x[0])
    return hi, _add(_add(_sub(x[0], _sub(hi, v)), _sub(y, v)), x[1])
def _df_add2_df(x, y):
    hi = _add(x[0], y[0]); v = _sub(hi, x[0])
    return hi, _add(_add(_sub(x[0], _sub(hi, v)), _sub(y[0], v)), _add(x[1], y[1]))
def _f_add_df(x, y):
    hi = _add(x, y[0]); return hi, _add(_add(_sub(x, hi), y[0]), y[1])
def _df_add_df(x, y):
    hi = _add(x[0], y[0]); return hi, _add(_add(_add(_sub(x[0], hi), y[0]), x[1]), y[1])
def _df_mul_f(x, y):
    hi = _mul(x[0], y); return hi, fma32(x[1], y, _fmapn(x[0], y, hi))
def _df_mul_df(x, y):
    hi = _mul(x[0], y[0]); return hi, fma32(x[0], y[1], fma32(x[1], y[0], _fmapn(x[0], y[0], hi)))
def _df_squ(x):
    hi = _mul(x[0], x[0]); return hi, fma32(_add(x[0], x[0]), x[1], _fmapn(x[0], x[0], hi))
def _df_rec(d):
    hi = (f32(1) / d[0]).astype(f32); return hi, _mul(hi, _fmanp(d[1], hi, _fmanp(d[0], hi, f32(1))))
def _df_div(n, d):
    t = (f32(1) / d[0]).astype(f32); hi = _mul(n[0], t); u = _fmapn(t, n[0], hi)
    lo = _fmanp(d[1], t, _fmanp(d[0], t, f32(1)))
    return hi, fma32(hi, lo, fma32(n[1], t, u))
def _ldexp2(d, e):
    h = e >> 1
    return _mul(_mul(d, np.ldexp(f32(1), h).astype(f32)), np.ldexp(f32(1), e - h).astype(f32))
def _expk2f(d):
    q = np.rint(_mul(_add(d[0], d[1]), f32(1.442695040888963407359924681001892137426645954152985934135449406931))).astype(np.int32)
    qf = q.astype(f32)
    s = _df_add2_f(d, _mul(qf, -f32(0.693145751953125)))
    s = _df_add2_f(s, _mul(qf, -f32(1.428606765330187045e-06)))
    u = np.full_like(s[0], f32(0.1980960224e-3))
    for c in (0.1394256484e-2, 0.8333456703e-2, 0.4166637361e-1):
        u = fma32(u, s[0], f32(c))
    t = _df_add2_f(_df_mul_f(s, u), f32(0.166666659414234244790680580464))
    t = _df_add2_f(_df_mul_df(s, t), f32(0.5))
    t = _df_add2_df(s, _df_mul_df(_df_squ(s), t))
    t = _f_add_df(f32(1), t)
    dead = d[0] < -104
    return np.where(dead, f32(0), _ldexp2(t[0], q)), np.where(dead, f32(0), _ldexp2(t[1], q))
def sleef_tanhf(x):
    """Sleef_tanhf8_u10 in numpy float32 operations (no libsleef needed)."""
    x = np.asarray(x, f32); ax = np.abs(x)
    with np.errstate(all='ignore'):
        d = _expk2f((ax, np.zeros_like(ax)))
        e = _df_rec(d)
        q = _df_div(_df_add_df(d, (-e[0], -e[1])), _df_add_df(d, e))
        y = _add(q[0], q[1])
    y = np.where((ax > f32(8.664339742)) | np.isnan(y), f32(1), y)
    return np.where(np.isnan(x), x, np.copysign(y, x)).astype(f32)


def sleef_expf(d):
    """Sleef_expf8_u10 (xexpf) in numpy float32 operations."""
    d = np.asarray(d, f32)
    with np.errstate(all='ignore'):
        q = np.rint(_mul(d, f32(1.442695040888963407359924681001892137426645954152985934135449406931))).astype(np.int32)
        qf = q.astype(f32)
        s = fma32(qf, -f32(0.693145751953125), d)
        s = fma32(qf, -f32(1.428606765330187045e-06), s)
        u = np.full_like(s, f32(0.000198527617612853646278381))
        for c in (0.00139304355252534151077271, 0.00833336077630519866943359, 0.0416664853692054748535156,
                  0.166666671633720397949219, 0.5):
            u = fma32(u, s, f32(c))
        u = _ldexp2(_add(f32(1), fma32(_mul(s, s), u, s)), q)
    u = np.where(d < -104, f32(0), u)
    return np.where(d > 100, f32(np.inf), u).astype(f32)


def sleef_logf(d):
    """Sleef_logf8_u10 (xlogf_u1) in numpy float32 operations."""
    d = np.asarray(d, f32)
    with np.errstate(all='ignore'):
        tiny = d < f32(1.17549435e-38)
        d2 = np.where(tiny, _mul(d, f32(2.0 ** 64)), d)
        e = ((_mul(d2, f32(1.0 / 0.75)).view(np.int32) >> 23) & 0xff) - 0x7f      # vilogb2k
        m = (d2.view(np.int32) + (-e << 23)).view(f32)                              # vldexp3
        ef = np.where(tiny, e - 64, e).astype(f32)
        L = f32(0.69314718246459960938)
        s = (_mul(L, ef), None)
        s = (s[0], fma32(f32(-1.904654323148236017e-09), ef, _fmapn(L, ef, s[0])))
        def add2_ff(x, y):
            hi = _add(x, y); v = _sub(hi, x); return hi, _add(_sub(x, _sub(hi, v)), _sub(y, v))
        x = _df_div(add2_ff(f32(-1), m), add2_ff(f32(1), m))
        x2 = _mul(x[0], x[0])
        t = fma32(fma32(np.full_like(x2, f32(0.3027294874)), x2, f32(0.3996108174)), x2, f32(0.6666694880))
        s = _df_add_df(s, (_mul(x[0], f32(2)), _mul(x[1], f32(2))))
        y = _mul(_mul(x2, x[0]), t)
        hi = _add(s[0], y)
        r = _add(hi, _add(_add(_sub(s[0], hi), y), s[1]))
    r = np.where(np.isposinf(d), f32(np.inf), r)
    r = np.where((d < 0) | np.isnan(d), f32(np.nan), r)
    return np.where(d == 0, f32(-np.inf), r).astype(f32)


# ---- ATen 1.13 kernels (AVX2)

def tanh_backward(g, y):
    return (np.asarray(g, f32) * fma32(-np.asarray(y, f32), y, f32(1))).astype(f32)


def _lanes_tree(acc):
    v = (acc + acc[..., [4, 5, 6, 7, 0, 1, 2, 3]]).astype(f32)
    v = (v + v[..., [2, 3, 0, 1, 6, 7, 4, 5]]).astype(f32)
    v = (v + v[..., [1, 0, 3, 2, 5, 4, 7, 6]]).astype(f32)
    return v[..., 0]


def _map_reduce_all_add(v):
    """vec::map_reduce_all(+) of already mapped rows (last dim >= 8)."""
    n = v.shape[-1]
    acc = v[..., 0:8].copy(); d = 8
    while d + 8 <= n:
        acc = (acc + v[..., d:d + 8]).astype(f32); d += 8
    if n - d:
        acc[..., :n - d] = (acc[..., :n - d] + v[..., d:]).astype(f32)
    return _lanes_tree(acc)


def log_softmax(x):
    """torch._log_softmax(x, 1) for float32 [rows, C >= 8]."""
    x = np.asarray(x, f32)
    z = (x - x.max(1, keepdims=True)).astype(f32)
    s = _map_reduce_all_add(sleef('exp', z))[:, None]
    return (z - sleef('log', s)).astype(f32)


def log_softmax_backward(g, out):
    """torch._log_softmax_backward_data(g, out, 1): g - exp(out) * sum(g) (the sum is exact here:
    one nonzero per row)."""
    s = np.asarray(g, f32).sum(1, keepdims=True, dtype=f32)
    return fma32(-sleef('exp', out), s, g)


def nll_loss_mean(logp, y):
    """F.nll_loss(logp, y) (mean, no weights): nll_loss_out_frame's cascade."""
    L = [f32(0)] * 8
    for b, t in enumerate(y):
        L[0] = f32(L[0] - logp[b, t])
        for j in range(7):
            if b & (15 << (4 * j)): break
            L[j + 1] = f32(L[j + 1] + L[j]); L[j] = f32(0)
    s = f32(0)
    for v in L: s = f32(s + v)
    return f32(s / f32(len(y)))


def _multi_row_sum(rows, levels=4):
    n = rows.shape[0]
    lp = max(4, (int(np.ceil(np.log2(n))) if n > 1 else 0) // levels)
    step, mask = 1 << lp, (1 << lp) - 1
    acc = [np.zeros(rows.shape[1:], f32) for _ in range(levels)]
    i = 0
    while i + step <= n:
        for _ in range(step):
            acc[0] = (acc[0] + rows[i]).astype(f32); i += 1
        for j in range(1, levels):
            acc[j] = (acc[j] + acc[j - 1]).astype(f32); acc[j - 1] = np.zeros_like(acc[j - 1])
            if i & (mask << (j * lp)): break
    while i < n:
        acc[0] = (acc[0] + rows[i]).astype(f32); i += 1
    for j in range(1, levels):
        acc[0] = (acc[0] + acc[j]).astype(f32)
    return acc[0]


def _row_sum(col):
    n = col.shape[0]; q = n // 4
    ps = _multi_row_sum(col[:q * 4].reshape(q, 4, *col.shape[1:]))
    ps = [ps[k] for k in range(4)]
    for i in range(q * 4, n):
        ps[0] = (ps[0] + col[i]).astype(f32)
    for k in range(1, 4):
        ps[0] = (ps[0] + ps[k]).astype(f32)
    return ps[0]


def sum0(x):
    """torch.sum(x, 0) of a contiguous float32 [n, m]."""
    x = np.asarray(x, f32)
    m = x.shape[1]; out = np.empty(m, f32); j = 0
    while j + 32 <= m:
        out[j:j + 32] = _multi_row_sum(x[:, j:j + 32]); j += 32
    while j + 8 <= m:
        out[j:j + 8] = _row_sum(x[:, j:j + 8]); j += 8
    while j < m:
        out[j] = _row_sum(x[:, j]); j += 1
    return out


if __name__ == '__main__':
    import torch
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    def differ(a, b): return int((np.asarray(a).view(np.int32) != np.asarray(b).view(np.int32)).sum())
    print('torch', torch.__version__)
    print('mm: the step\'s six products (torch shapes m x k @ k x n), 5 random operand pairs each')
    for (m, k, n, what) in [(32, 30, 200, 'emb @ W1'), (32, 200, 27, 'h @ W2'), (200, 32, 27, 'h^T @ dlogits'),
                            (32, 27, 200, 'dlogits @ W2^T'), (30, 32, 200, 'emb^T @ dpre'), (32, 200, 30, 'dpre @ W1^T')]:
        bad = bad_fma = tot = 0
        for _ in range(5):
            A = torch.randn((m, k), generator=gen); B = torch.randn((k, n), generator=gen)
            ref = (A @ B).numpy()
            bad += differ(sgemm(A.numpy(), B.numpy()), ref)
            bad_fma += differ(mm_in_order_fma(A.numpy(), B.numpy()), ref)
            tot += ref.size
        print(f'  {what:15s} {m}x{k} @ {k}x{n}: emulation differs in {bad} of {tot}; an in-order FMA chain in {bad_fma}')
    bad = tot = 0
    for m, k, n in [(1, 5, 1), (7, 9, 13), (16, 17, 24), (33, 64, 100), (50, 150, 77), (96, 40, 45), (100, 256, 300)]:
        A = torch.randn((m, k), generator=gen); B = torch.randn((k, n), generator=gen)
        bad += differ(sgemm(A.numpy(), B.numpy()), (A @ B).numpy()); tot += m * n
        At = torch.randn((k, m), generator=gen).t(); Bt = torch.randn((n, k), generator=gen).t()
        bad += differ(sgemm(At.numpy(), Bt.numpy()), (At @ Bt).numpy()); tot += m * n
    print(f'  other shapes up to 100x256 @ 256x300, plain and transposed: emulation differs in {bad} of {tot}')
    x = (torch.randn(1 << 20, generator=gen) * 4)
    print('tanh: vs Sleef_tanhf8_u10 differ', differ(torch.tanh(x).numpy(), sleef('tanh', x.numpy())), 'of', x.numel(),
          '; vs correctly rounded tanh', differ(torch.tanh(x).numpy(), np.tanh(x.numpy().astype(f64)).astype(f32)))
    print('sleef_tanhf (the numpy port) vs libsleef differ', differ(sleef_tanhf(x.numpy()), sleef('tanh', x.numpy())), 'of', x.numel())
    xe = np.concatenate([x.numpy() * 5, -np.abs(x.numpy()) * 20])
    print('exp: torch.exp vs Sleef_expf8_u10 differ', differ(torch.exp(torch.from_numpy(xe)).numpy(), sleef('exp', xe)),
          '; sleef_expf (numpy port) vs libsleef differ', differ(sleef_expf(xe), sleef('exp', xe)), 'of', xe.size)
    xl = np.concatenate([np.abs(x.numpy()) * 10, (torch.rand(1 << 20, generator=gen) * 30 + 1).numpy()])
    print('log: torch.log vs Sleef_logf8_u10 differ', differ(torch.log(torch.from_numpy(xl)).numpy(), sleef('log', xl)),
          '; sleef_logf (numpy port) vs libsleef differ', differ(sleef_logf(xl), sleef('log', xl)), 'of', xl.size)
    g = torch.randn(32, 200, generator=gen); y = torch.tanh(torch.randn(32, 200, generator=gen))
    ref = torch.ops.aten.tanh_backward(g, y).numpy()
    print('tanh_backward: g*fma(-y,y,1) differs in', differ(tanh_backward(g.numpy(), y.numpy()), ref),
          '; g*(1-y*y) rounded twice in', differ((g.numpy() * (f32(1) - y.numpy() * y.numpy())).astype(f32), ref), 'of', ref.size)
    L = torch.randn(4096, 27, generator=gen) * 5
    lp = torch._log_softmax(L, 1, False)
    print('log_softmax [4096, 27]: emulation differs in', differ(log_softmax(L.numpy()), lp.numpy()), 'of', lp.numel())
    ys = torch.randint(0, 27, (4096,), generator=gen)
    gl = torch.zeros(4096, 27); gl[torch.arange(4096), ys] = -1 / 32
    print('log_softmax backward: emulation differs in', differ(log_softmax_backward(gl.numpy(), lp.numpy()),
          torch._log_softmax_backward_data(gl, lp, 1, torch.float32).numpy()), 'of', lp.numel())
    bad = 0
    for t in range(1000):
        l32 = torch.log_softmax(torch.randn(32, 27, generator=gen) * 3, 1); y32 = torch.randint(0, 27, (32,), generator=gen)
        bad += float(nll_loss_mean(l32.numpy(), y32.numpy())) != torch.nn.functional.nll_loss(l32, y32).item()
    print('nll_loss mean of 32: emulation differs in', bad, 'of 1000 batches')
    for n, m in [(32, 200), (32, 27), (100, 300)]:
        xs = torch.randn(n, m, generator=gen) * torch.rand(n, 1, generator=gen) * 10
        print(f'sum(0) of [{n}, {m}]: emulation differs in', differ(sum0(xs.numpy()), torch.sum(xs, 0).numpy()), 'of', m,
              '; a float64 sum rounded once in', differ(xs.numpy().astype(f64).sum(0).astype(f32), torch.sum(xs, 0).numpy()))
