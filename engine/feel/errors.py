"""Errors raised by the FEEL compiler and evaluator."""


class FeelError(Exception):
    """Base class of every FEEL error."""


class FeelSyntaxError(FeelError):
    """The source text is not a valid FEEL expression; `position` is a 0-based offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position


class FeelEvaluationError(FeelError):
    """A failure that Zeebe turns into an incident (not the many cases that yield null)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArgument(FeelError):
    """Raised inside built-in functions: the invocation evaluates to null, like FEEL-scala."""
