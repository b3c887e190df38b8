#!/usr/bin/env python3
"""Reference outputs of SplitMix64 and xoshiro256** for the PollNumerics generator tests.

An independent implementation, in Python integers, of the published algorithms:
SplitMix64 (Steele, Lea & Flood 2014) and xoshiro256** (Blackman & Vigna 2021), seeded with four
SplitMix64 outputs. Prints Swift array literals to paste into Tests/PollNumericsTests/RandomTests.swift.
"""
MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256starstar(seed):
    mixer = splitmix64(seed)
    s = [next(mixer) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def first(gen, count):
    return [next(gen) for _ in range(count)]


if __name__ == "__main__":
    print("SplitMix64(seed: 1234567):", first(splitmix64(1234567), 5))
    print("Xoshiro256StarStar(seed: 0):", first(xoshiro256starstar(0), 5))
    print("Xoshiro256StarStar(seed: 20240918):", first(xoshiro256starstar(20240918), 5))
    g = xoshiro256starstar(20240918)
    print("nextUniform (seed 20240918):", [repr((next(g) >> 11) * 2.0**-53) for _ in range(3)])


# Samplers, re-implemented from their papers with the same floating-point steps, so the first
# draws of PollNumerics.Samplers can be pinned against an independent implementation.
import math


class Stream:
    def __init__(self, seed):
        self.g = xoshiro256starstar(seed)

    def uniform(self):  # [0, 1): top 53 bits
        return (next(self.g) >> 11) * 2.0 ** -53

    def open_uniform(self):  # (0, 1): top 52 bits plus a half
        return ((next(self.g) >> 12) + 0.5) * 2.0 ** -52


def polar_normal(s):  # Marsaglia & Bray 1964; second variate discarded
    while True:
        u = 2 * s.uniform() - 1
        v = 2 * s.uniform() - 1
        q = u * u + v * v
        if 0 < q < 1:
            return u * math.sqrt(-2 * math.log(q) / q)


def gamma(s, shape):  # Marsaglia & Tsang 2000, with the boost for shape < 1
    if shape < 1:
        boosted = gamma(s, shape + 1)
        return boosted * math.pow(s.open_uniform(), 1 / shape)
    d = shape - 1.0 / 3.0
    c = 1 / math.sqrt(9 * d)
    while True:
        while True:
            x = polar_normal(s)
            v = 1 + c * x
            if v > 0:
                break
        v = v * v * v
        u = s.open_uniform()
        x2 = x * x
        if u < 1 - 0.0331 * x2 * x2:
            return d * v
        if math.log(u) < 0.5 * x2 + d * (1 - v + math.log(v)):
            return d * v


if __name__ == "__main__":
    s = Stream(7)
    print("normals (seed 7):", [repr(polar_normal(s)) for _ in range(3)])
    s = Stream(7)
    print("gamma(2.5) (seed 7):", [repr(gamma(s, 2.5)) for _ in range(3)])
    s = Stream(7)
    print("gamma(0.5) (seed 7):", [repr(gamma(s, 0.5)) for _ in range(3)])
    s = Stream(7)
    draws = []
    for _ in range(2):
        x, y = gamma(s, 2.0), gamma(s, 5.0)
        draws.append(repr(x / (x + y)))
    print("beta(2, 5) (seed 7):", draws)


# Jumps: the outputs after Xoshiro256StarStar.jump(), from randomgen's Xoshiro256 (xoshiro256**,
# an established implementation with Blackman & Vigna's jump), started from the state our
# SplitMix64 seeding gives; `jumped(k)` is the generator jumped k times.
if __name__ == "__main__":
    try:
        import numpy as np
        from randomgen import Xoshiro256
    except ImportError:
        print("jumps: pip install randomgen for the jump references")
    else:
        mixer = splitmix64(20240918)
        state = [next(mixer) for _ in range(4)]
        reference = Xoshiro256(0)
        reference.state = {"bit_generator": "randomgen.xoshiro256.Xoshiro256",
                           "s": np.array(state, dtype=np.uint64), "has_uint32": 0, "uinteger": 0}
        for k in (1, 2):
            jumped = reference.jumped(k)
            print(f"seed 20240918 jumped {k}x:", [int(v) for v in jumped.random_raw(3)])
        # The unjumped stream must match our own implementation above.
        assert [int(v) for v in reference.random_raw(5)] == first(xoshiro256starstar(20240918), 5)
