"""Run a simulated lunch service end to end and check it.

Starts simulated devices (card readers, a fingerprint scanner, a receipt
printer, a till) and a simulated hub with a generated school, runs the real
agent against them in a temporary state directory, serves a queue of pupils
in accelerated time (three identification methods, cash sales, reprints, a
refund, a pupil without biometric consent, a reader unplugged and replugged,
the hub cut off and restored), then prints a summary.

Exit status 0 only if every printed receipt was journaled exactly once, the
hub holds exactly the journal (no duplicates, nothing lost) and the journal's
hash chain verifies; 1 otherwise.
"""

from __future__ import annotations

HELP = "run a simulated lunch service against simulated hardware and check the invariants"


def add_arguments(p) -> None:
    p.add_argument("--pupils", type=int, default=300, metavar="N",
                   help="pupils in the school, all served once (default 300)")
    p.add_argument("--seed", type=int, default=7, metavar="S",
                   help="seed for the school and the queue (default 7)")
    p.add_argument("--keep", action="store_true",
                   help="keep the temporary state directory for `agent status`/`doctor`")


def run(args) -> int:
    from agent.demo.lunch import main

    if args.pupils < 1:
        print("error: --pupils must be at least 1")
        return 2
    return main(pupils=args.pupils, seed=args.seed, state_dir=args.state_dir, keep=args.keep)
