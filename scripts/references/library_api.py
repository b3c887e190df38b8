"""Break-even sample sizes pinned in Tests/PollCompareTests/LibraryAPITests.swift.

n = ceil(z^2 * v / d^2), v = p_A + p_B - d^2, z = Phi^-1(0.975), evaluated with mpmath at 50
digits on the exact binary values of the shares the test passes (float(...) below), so the only
rounding is the final ceiling.
"""
from mpmath import mp, mpf, sqrt, erfinv, ceil

mp.dps = 50
z = sqrt(2) * erfinv(mpf("0.95"))


def break_even(a, b):
    a, b = mpf(float(a)), mpf(float(b))
    d = a - b
    v = a + b - d * d
    n = z * z * v / (d * d)
    return n, ceil(n)


for a, b in [(0.31, 0.58), (0.5, 0.4999), (0.5, 0.5 - 1e-10)]:
    n, whole = break_even(a, b)
    print(f"shares {a!r} {b!r}: n = {mp.nstr(n, 20)}, ceil = {mp.nstr(whole, 25)}")
print("Int.max =", 2**63 - 1)
