#!/usr/bin/env python3
"""Write a synthetic transcript with many speakers (for benches/each.sh).

Usage: many_speakers.py OUT [SPEAKERS] [TURNS] [WORDS] [VOCABULARY]

OUT gets SPEAKERS (default 1,000) speakers with distinct one-word
capitals labels, each speaking TURNS (default 10) turns of WORDS (default
100) words, the turns interleaved at random. Words are drawn with a Zipf
law (s = 1.1) from VOCABULARY (default 12,000) invented words of two to
four syllables, so that the vocabulary and its long tail look like
speech. A fixed seed: the same bytes on every run.
"""
import random
import sys

out = sys.argv[1]
speakers = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
turns = int(sys.argv[3]) if len(sys.argv) > 3 else 10
words = int(sys.argv[4]) if len(sys.argv) > 4 else 100
size = int(sys.argv[5]) if len(sys.argv) > 5 else 12000

rng = random.Random(13)
onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st"]
vowels = ["a", "e", "i", "o", "u", "ai", "ou"]


def syllable():
    return rng.choice(onsets) + rng.choice(vowels)


def invent(seen, lo, hi):
    while True:
        w = "".join(syllable() for _ in range(rng.randint(lo, hi)))
        if w not in seen:
            seen.add(w)
            return w


seen = set()
vocab = [invent(seen, 2, 4) for _ in range(size)]
weights = [1.0 / (r + 1) ** 1.1 for r in range(len(vocab))]
names = [invent(seen, 3, 4).upper() for _ in range(speakers)]
order = [s for s in range(speakers) for _ in range(turns)]
rng.shuffle(order)
with open(out, "w", encoding="utf-8") as f:
    f.write("Synthetic hearing with %d speakers.\n\n" % speakers)
    for s in order:
        text = rng.choices(vocab, weights, k=words)
        lines = [" ".join(text[i:i + 12]) for i in range(0, len(text), 12)]
        f.write("%s: %s.\n\n" % (names[s], "\n".join(lines)))
