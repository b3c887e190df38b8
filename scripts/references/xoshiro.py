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
