#!/usr/bin/env python3
"""Hostile transcripts for benches/hostile.sh: shapes whose cost was once
quadratic in the input. Writes into the folder given:

- brackets.txt: one turn whose line is 600 KB of `(`, `[`, `\\[` and `<s>`
  that never close;
- labels.txt: 100,000 turns, each by a different capitalised label;
- roster.toml + roster_labels.txt: a roster of 20,000 speakers and a
  transcript with each of their labels.
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
unit = "(a [b \\[c <s>d "
with open(os.path.join(out, "brackets.txt"), "w") as f:
    f.write("SPEAKER: " + unit * (600_000 // len(unit)) + "\n")


def name(i):
    letters = ""
    while True:
        letters += "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]
        i //= 26
        if i == 0:
            return letters


with open(os.path.join(out, "labels.txt"), "w") as f:
    for i in range(100_000):
        f.write(f"SPEAKER {name(i)}: Words of turn {i}.\n\n")
with open(os.path.join(out, "roster.toml"), "w") as f:
    for i in range(20_000):
        f.write(f'[[speaker]]\nname = "Person {name(i)}"\nrole = "official"\n'
                f'aliases = ["MR. {name(i)}"]\n\n')
with open(os.path.join(out, "roster_labels.txt"), "w") as f:
    for i in range(20_000):
        f.write(f"MR. {name(i)}: Words of turn {i}.\n\n")
