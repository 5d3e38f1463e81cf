"""Times commands side by side, one run of each in turn: a warm-up round, then RUNS rounds.

    python3 scripts/peer/interleave.py [--save FILE] RUNS 'command one' 'command two' ...

Prints each command's median wall time in milliseconds, in the order given; with `--save`,
writes every round's times too (JSON: one list of milliseconds per command, round by round),
so that a ratio can be taken within each round. Output of the
commands is discarded; a command that fails is an error (its stderr is shown). Interleaving
is the point: on a shared machine whose load comes in bursts, a burst lands on every command
alike instead of on all the runs of one of them.
"""

import json
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    save = None
    if args[:1] == ["--save"]:
        save, args = args[1], args[2:]
    runs = int(args[0])
    cmds = [shlex.split(c) for c in args[1:]]
    times: list[list[float]] = [[] for _ in cmds]
    for round_no in range(runs + 1):
        for i, cmd in enumerate(cmds):
            start = time.perf_counter_ns()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            took = (time.perf_counter_ns() - start) / 1e6
            if done.returncode != 0:
                sys.stderr.write(done.stderr.decode(errors="replace"))
                print(f"failed: {shlex.join(cmd)}", file=sys.stderr)
                return 1
            if round_no > 0:
                times[i].append(took)
    print(*(f"{statistics.median(t):.3f}" for t in times))
    if save:
        with open(save, "w", encoding="utf-8") as f:
            json.dump(times, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
