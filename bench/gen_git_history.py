#!/usr/bin/env python3
"""Writes a deterministic `git fast-import` stream for the git-history benchmark.

    python3 bench/gen_git_history.py [--files 10000] [--commits 20000] [--seed 1] | git fast-import

The repository is a firebreak site at its root (site.yaml, content/runbooks/<service>/*.md,
content/postmortems/<year>/*.md) plus non-content files (src/, docs/) that many commits touch, so
the history pass has to skip irrelevant changes quickly. After the initial adds, commits edit one to
three content files, or only non-content files; about 1 % rename a content file (with a small edit,
so similarity detection is needed), about 1 % delete one and add another, and every 40th commit is
the merge of a short topic branch. 60 authors, some with non-ASCII names. Standard library only; the
same arguments always give the same byte stream.
"""
import argparse
import random
import sys

AUTHORS = [("Alice Example", "alice@example.com"), ("Bob Builder", "bob@example.com"),
           ("Zoë Ångström", "zoe@example.com"), ("José Núñez", "jose@example.com"),
           ("Łukasz Żółw", "lukasz@example.com"), ("Søren Kierkegård", "soren@example.com")]
AUTHORS += [(f"Engineer {i:02d}", f"eng{i:02d}@example.com") for i in range(54)]
SERVICES = [f"svc-{i:02d}" for i in range(40)]
WORDS = ("database connection pool latency error budget cache eviction queue backlog deploy rollback "
         "certificate expiry dns resolver timeout retry storm replica lag disk pressure memory leak "
         "alert page escalate mitigate verify restore failover traffic shift canary").split()
T0 = 1600000000  # 2020-09-13


class Stream:
    def __init__(self, out):
        self.out = out
        self.mark = 0

    def write(self, text):
        self.out.write(text.encode("utf-8") if isinstance(text, str) else text)

    def data(self, payload):
        raw = payload.encode("utf-8")
        self.write(f"data {len(raw)}\n")
        self.write(raw)
        self.write("\n")

    def commit(self, ref, when, author, message, changes, parent=None, merge=None):
        """changes: list of ("M", path, text) or ("D", path, None). Returns the commit's mark."""
        self.mark += 1
        name, email = author
        self.write(f"commit {ref}\nmark :{self.mark}\n")
        self.write(f"author {name} <{email}> {when} +0000\n")
        self.write(f"committer {name} <{email}> {when} +0000\n")
        self.data(message)
        if parent:
            self.write(f"from :{parent}\n")
        if merge:
            self.write(f"merge :{merge}\n")
        for op, path, text in changes:
            if op == "D":
                self.write(f"D {path}\n")
            else:
                self.write(f"M 100644 inline {path}\n")
                self.data(text)
        self.write("\n")
        return self.mark


def body(rng, title, lines=24):
    out = [f"---\ntitle: {title}\nservice: {rng.choice(SERVICES)}\n---\n", "## Symptoms\n"]
    for _ in range(lines):
        out.append(" ".join(rng.choice(WORDS) for _ in range(10)) + "\n")
    return "".join(out)


def edit(rng, text):
    """Replaces one body line: a small change, so renames with edits stay similar."""
    lines = text.split("\n")
    i = rng.randrange(6, len(lines) - 1)
    lines[i] = " ".join(rng.choice(WORDS) for _ in range(10))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    s = Stream(sys.stdout.buffer)
    state = {}  # content path -> text
    names = []  # content paths, in creation order (for deterministic choices)
    serial = [0]

    def new_path():
        serial[0] += 1
        n = serial[0]
        if n % 5 < 2:
            return f"content/runbooks/{SERVICES[n % len(SERVICES)]}/runbook-{n:05d}.md"
        return f"content/postmortems/{2019 + n % 6}/pir-{n:05d}.md"

    when = T0
    commits = 0
    head = s.commit("refs/heads/main", when, AUTHORS[0], "Initial site\n",
                    [("M", "site.yaml", "title: Bench KB\n"), ("M", "README.md", "# KB\n")])
    commits += 1
    # Non-content files many commits touch.
    other = [f"src/module-{i:03d}/file-{j}.txt" for i in range(100) for j in range(10)]
    head = s.commit("refs/heads/main", when + 1, AUTHORS[1], "Add tooling\n",
                    [("M", p, f"tool {p}\n") for p in other])
    commits += 1
    per_commit = 5
    while len(names) < args.files and commits < args.commits:
        when += 600
        changes = []
        for _ in range(min(per_commit, args.files - len(names))):
            p = new_path()
            state[p] = body(rng, f"Document {serial[0]}")
            names.append(p)
            changes.append(("M", p, state[p]))
        head = s.commit("refs/heads/main", when, rng.choice(AUTHORS), f"Add {len(changes)} documents\n", changes)
        commits += 1

    def random_edit(k):
        picks = sorted({rng.choice(names) for _ in range(k)})
        out = []
        for p in picks:
            state[p] = edit(rng, state[p])
            out.append(("M", p, state[p]))
        return out

    while commits < args.commits:
        when += 900
        if commits % 40 == 0 and args.commits - commits >= 4:
            # A topic branch of two commits, then its merge into main.
            base = head
            e1 = random_edit(2)
            t1 = s.commit("refs/heads/topic", when, rng.choice(AUTHORS), "Topic: edit\n", e1, parent=base)
            when += 60
            e2 = random_edit(2)
            t2 = s.commit("refs/heads/topic", when, rng.choice(AUTHORS), "Topic: more edits\n", e2, parent=t1)
            when += 60
            m1 = s.commit("refs/heads/main", when, rng.choice(AUTHORS), "Main: unrelated edit\n",
                          [("M", rng.choice(other), f"tweak {when}\n")], parent=base)
            when += 60
            # The merge's tree = main's tree + every path the topic changed (newest text from `state`).
            touched = sorted({p for _, p, _ in e1 + e2})
            head = s.commit("refs/heads/main", when, rng.choice(AUTHORS), "Merge branch 'topic'\n",
                            [("M", p, state[p]) for p in touched], parent=m1, merge=t2)
            commits += 4
            continue
        roll = rng.random()
        author = rng.choice(AUTHORS)
        if roll < 0.01:
            old = rng.choice(names)
            new = old.rsplit("/", 1)[0] + f"/renamed-{commits:05d}.md"
            text = edit(rng, state.pop(old))
            state[new] = text
            names[names.index(old)] = new
            head = s.commit("refs/heads/main", when, author, f"Rename {old.rsplit('/', 1)[1]}\n",
                            [("D", old, None), ("M", new, text)])
        elif roll < 0.02:
            old = rng.choice(names)
            state.pop(old)
            names.remove(old)
            p = new_path()
            state[p] = body(rng, f"Document {serial[0]}")
            names.append(p)
            head = s.commit("refs/heads/main", when, author, "Replace a document\n",
                            [("D", old, None), ("M", p, state[p])])
        elif roll < 0.25:
            head = s.commit("refs/heads/main", when, author, "Tooling change\n",
                            [("M", rng.choice(other), f"tweak {when}\n")])
        else:
            k = 1 + int(rng.random() * 3)
            head = s.commit("refs/heads/main", when, author, f"Edit {k} document(s)\n", random_edit(k))
        commits += 1
    s.write("reset refs/heads/topic\nfrom 0000000000000000000000000000000000000000\n\n")
    s.write("done\n")


if __name__ == "__main__":
    main()
