"""The swtracker program: the `swtracker` script and `python -m swtracker`."""

import gc


def main() -> None:
    """Run the command line with Python's cyclic garbage collector off for the whole process.

    A command is one short process. Before it does anything it builds some 10^5 objects that live until it exits
    (modules, classes, SQLAlchemy and pydantic machinery), and the collector scanned them again and again: about
    a seventh of `summary`'s CPU time, a quarter of a 939,100-row schedule import's. Reference counting still
    frees everything without cycles; the few cycles a command makes go when it exits. Peak memory of that import
    was the same with the collector off (bench/: 101 MB either way).
    """
    gc.disable()
    from swtracker.cli import main as run_command_line  # after disable: its imports are most of start-up

    run_command_line()


if __name__ == "__main__":
    main()
