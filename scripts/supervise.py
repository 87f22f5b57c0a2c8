"""`python -m scripts.supervise -c FILE`: supervisord, starting its programs at once.

supervisord (4.x) starts its programs at the end of its main loop's first turn, after a poll of one
second: a second of every `make run` spent waiting. This subclass starts them before the loop; the
rest (restarts, back-off, signals, logs) is supervisord's own.
"""

from __future__ import annotations

from supervisor import supervisord


class Supervisor(supervisord.Supervisor):
    def runforever(self) -> None:
        for group in sorted(self.process_groups.values()):  # by priority, as supervisord does
            group.transition()
        super().runforever()


def main() -> None:
    supervisord.Supervisor = Supervisor  # what supervisord.main instantiates
    supervisord.main()


if __name__ == "__main__":
    main()
