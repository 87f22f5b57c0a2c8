"""Map command rejections to gRPC status codes, the way Zeebe's gateway does."""

from __future__ import annotations

import grpc

from engine.errors import CommandRejected

CODES = {
    "INVALID_ARGUMENT": grpc.StatusCode.INVALID_ARGUMENT,
    "NOT_FOUND": grpc.StatusCode.NOT_FOUND,
    "FAILED_PRECONDITION": grpc.StatusCode.FAILED_PRECONDITION,
    "ALREADY_EXISTS": grpc.StatusCode.ALREADY_EXISTS,
    "RESOURCE_EXHAUSTED": grpc.StatusCode.RESOURCE_EXHAUSTED,
    "DEADLINE_EXCEEDED": grpc.StatusCode.DEADLINE_EXCEEDED,
    "UNIMPLEMENTED": grpc.StatusCode.UNIMPLEMENTED,
    "PERMISSION_DENIED": grpc.StatusCode.PERMISSION_DENIED,
}


def status_of(error: CommandRejected) -> grpc.StatusCode:
    return CODES.get(error.code, grpc.StatusCode.INTERNAL)
