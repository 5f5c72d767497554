"""Render: hand the model to Jinja2 templates; no decisions are made here.

One Jinja environment, every filter registered in one place. Filters only spell values as
Python source (`pystr` for string literals, `pydoc` for docstring text).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from codegen.model import GeneratedIndex, ServiceSpec

__all__ = ["TEMPLATES", "render_index", "render_service"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def pystr(value: str) -> str:
    """A Python string literal for `value` (quotes, backslashes, non-ASCII all safe)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def pydoc(value: str) -> str:
    """Text safe inside a triple-quoted docstring."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pystr"] = pystr
    env.filters["pydoc"] = pydoc
    return env


def render_service(spec: ServiceSpec) -> dict[str, str]:
    """Relative path -> text of every file one service produces."""
    env = environment()
    files = {f"aws/{spec.module}.py": env.get_template("aws/service.py.j2").render(spec=spec)}
    if spec.client is not None:
        template = env.get_template("aws/service.pyi.j2")
        files[f"aws/{spec.module}.pyi"] = template.render(spec=spec, client=spec.client)
        template = env.get_template("shapes/service.pyi.j2")
        files[f"shapes/{spec.module}.pyi"] = template.render(spec=spec, client=spec.client)
        template = env.get_template("shapes/service.py.j2")
        files[f"shapes/{spec.module}.py"] = template.render(spec=spec)
    return files


def render_index(index: GeneratedIndex, with_stubs: bool) -> dict[str, str]:
    env = environment()
    files = {
        "aws/__init__.py": env.get_template("aws/__init__.py.j2").render(index=index),
        "services/__init__.py": env.get_template("services/__init__.py.j2").render(index=index),
    }
    if with_stubs:
        files["services/__init__.pyi"] = env.get_template("services/__init__.pyi.j2").render(
            index=index
        )
        files["shapes/__init__.py"] = env.get_template("shapes/__init__.py.j2").render(index=index)
    return files
