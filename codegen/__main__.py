"""`python -m codegen`: regenerate `mangrove/services/` from the installed botocore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.load import botocore_data_dir
from codegen.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    import botocore

    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=botocore_data_dir())
    parser.add_argument("--botocore-version", default=botocore.__version__)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "mangrove", help="writes aws/ and services/ here"
    )
    parser.add_argument("--services", help="comma-separated botocore names (default: all)")
    parser.add_argument("--no-stubs", action="store_true", help="pools only, no .pyi")
    parser.add_argument(
        "--docs",
        action="store_true",
        help="first sentence of each operation's documentation as its docstring (+1.3 MB)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if the output would change"
    )
    args = parser.parse_args(argv)
    result = generate(
        args.data_dir,
        args.botocore_version,
        args.out,
        ROOT / "pyproject.toml",
        services=args.services.split(",") if args.services else None,
        with_stubs=not args.no_stubs,
        with_docs=args.docs,
        check_only=args.check,
    )
    print(f"{result.services} services, {len(result.files)} files in {result.times.summary()}")
    if args.check:
        if result.differing:
            print(f"{len(result.differing)} generated files differ from `make generate`:")
            for relative in result.differing[:20]:
                print(f"  {args.out / relative}")
            return 1
        print("generated output is up to date")
    else:
        print(f"wrote {len(result.written)}, deleted {len(result.deleted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
