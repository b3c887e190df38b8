#!/usr/bin/env python3
"""Writes a 1,000,000-row poll file in FiveThirtyEight's president_polls layout for the report
benchmark: whole questions of a real FiveThirtyEight file (the first argument, when it exists)
resampled with replacement under new question ids, or, without one, generated questions in the
same layout. Seeded, so every run writes the same file.

usage: make_million.py SOURCE.csv OUT.csv [ROWS]
"""
import csv
import random
import sys

source, out = sys.argv[1], sys.argv[2]
rows_wanted = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rng = random.Random(20240918)

try:
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        questions = {}
        qi = header.index("question_id")
        for row in reader:
            questions.setdefault(row[qi], []).append(row)
    groups = list(questions.values())
except FileNotFoundError:
    # No real file: questions in the same layout with made-up pollsters and shares.
    header = ["question_id", "poll_id", "pollster", "sample_size", "population", "methodology",
              "start_date", "end_date", "answer", "candidate_party", "pct", "ranked_choice_reallocated"]
    groups = []
    for q in range(5000):
        pollster = f"Pollster {q % 97}"
        month, day = 1 + q % 12, 1 + q % 28
        a = round(rng.uniform(35, 55), 1)
        b = round(rng.uniform(30, 100 - a - 2), 1)
        base = [str(q), str(q), pollster, str(rng.randint(300, 3000)), rng.choice(["lv", "rv", "a"]), "Online",
                f"{month}/{day}/24", f"{month}/{day}/24"]
        groups.append([base + ["Harris", "DEM", str(a), "false"], base + ["Trump", "REP", str(b), "false"],
                       base + ["Other", "", str(round(100 - a - b - 1, 1)), "false"]])
qi = header.index("question_id")
written = 0
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    next_id = 1
    while written < rows_wanted:
        group = rng.choice(groups)
        for row in group:
            if written >= rows_wanted:
                break
            row = list(row)
            row[qi] = str(next_id)
            w.writerow(row)
            written += 1
        next_id += 1
print(f"{out}: {written} rows, {next_id - 1} questions", file=sys.stderr)
