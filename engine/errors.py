"""Errors a command rejects with; the protocol layers map them to gRPC codes and problem+json."""

from __future__ import annotations


class CommandRejected(Exception):
    """Base class: the command was refused and nothing was changed."""

    code = "INVALID_ARGUMENT"
    http_status = 400
    title = "INVALID_ARGUMENT"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArgument(CommandRejected):
    pass


class NotFound(CommandRejected):
    code = "NOT_FOUND"
    http_status = 404
    title = "NOT_FOUND"


class FailedPrecondition(CommandRejected):
    code = "FAILED_PRECONDITION"
    http_status = 409
    title = "INVALID_STATE"


class AlreadyExists(CommandRejected):
    code = "ALREADY_EXISTS"
    http_status = 409
    title = "ALREADY_EXISTS"


class DeadlineExceeded(CommandRejected):
    code = "DEADLINE_EXCEEDED"
    http_status = 504
    title = "DEADLINE_EXCEEDED"


class PermissionDenied(CommandRejected):
    """The caller's token does not allow the command (gRPC PERMISSION_DENIED, HTTP 403)."""

    code = "PERMISSION_DENIED"
    http_status = 403
    title = "FORBIDDEN"
