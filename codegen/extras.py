"""Client methods that boto3 and botocore add at run time, which no service model lists.

botocore gives every client `generate_presigned_url` (and S3 `generate_presigned_post`);
boto3 gives S3 its managed transfers. Their signatures are copied from boto3 1.43 /
botocore 1.43 and checked against the real clients by tests/test_generated_pools.py.
"""

from __future__ import annotations

from codegen.model import ExtraMethodSpec

__all__ = ["extra_methods"]

_CALLBACK = "Callback: Callable[[int], object] | None = None"
_EXTRA_ARGS = "ExtraArgs: Mapping[str, Any] | None = None"
_TRANSFER_CONFIG = "Config: Any = None"

EVERY_CLIENT = (
    ExtraMethodSpec(
        "generate_presigned_url",
        "self, ClientMethod: str, Params: Mapping[str, Any] | None = None,"
        " ExpiresIn: int = 3600, HttpMethod: str | None = None",
        "str",
    ),
)

BY_SERVICE: dict[str, tuple[ExtraMethodSpec, ...]] = {
    "s3": (
        ExtraMethodSpec(
            "generate_presigned_post",
            "self, Bucket: str, Key: str, Fields: Mapping[str, Any] | None = None,"
            " Conditions: Sequence[Any] | None = None, ExpiresIn: int = 3600",
            "dict[str, Any]",
        ),
        ExtraMethodSpec(
            "upload_file",
            f"self, Filename: str | PathLike[str], Bucket: str, Key: str, {_EXTRA_ARGS},"
            f" {_CALLBACK}, {_TRANSFER_CONFIG}",
            "None",
        ),
        ExtraMethodSpec(
            "download_file",
            f"self, Bucket: str, Key: str, Filename: str | PathLike[str], {_EXTRA_ARGS},"
            f" {_CALLBACK}, {_TRANSFER_CONFIG}",
            "None",
        ),
        ExtraMethodSpec(
            "upload_fileobj",
            f"self, Fileobj: IO[bytes], Bucket: str, Key: str, {_EXTRA_ARGS}, {_CALLBACK},"
            f" {_TRANSFER_CONFIG}",
            "None",
        ),
        ExtraMethodSpec(
            "download_fileobj",
            f"self, Bucket: str, Key: str, Fileobj: IO[bytes], {_EXTRA_ARGS}, {_CALLBACK},"
            f" {_TRANSFER_CONFIG}",
            "None",
        ),
        ExtraMethodSpec(
            "copy",
            f"self, CopySource: Mapping[str, str], Bucket: str, Key: str, {_EXTRA_ARGS},"
            f" {_CALLBACK}, SourceClient: BaseClient | None = None, {_TRANSFER_CONFIG}",
            "None",
        ),
    ),
}


def extra_methods(service: str) -> tuple[ExtraMethodSpec, ...]:
    """The run-time additions a service's client carries, by method name."""
    return tuple(sorted(EVERY_CLIENT + BY_SERVICE.get(service, ()), key=lambda m: m.name))
