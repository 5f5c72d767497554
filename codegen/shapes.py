"""Type a service's shapes: botocore model objects in, `ClientSpec` out.

Policy, in one place:
- Structures become TypedDicts. A structure reachable from both inputs and outputs gets two:
  `XTypeDef` (input) and `XOutputTypeDef` (output); otherwise just `XTypeDef`.
- Input TypedDicts are `total=False` with `Required[...]` for the model's required members,
  and every value is `ReadOnly`, so an output dict (with `list`s, all keys present) can be
  passed straight back in. Inputs take `Sequence`/`Mapping`, `datetime | str` timestamps and
  `bytes`/`str`/file-like blobs.
- Output TypedDicts are total: every key the model declares is typed as present, so the
  direct indexing real code does (`resp["Reservations"][0]["Instances"][0]["InstanceId"]`)
  checks cleanly under mypy and pyright alike, while a misspelled key is an error. A key the
  service omits at run time raises KeyError, as it would untyped; use `.get()` where the
  model's documentation says a key may be absent. Union (one-of) structures are the
  exception: their keys are NotRequired, because exactly one is present.
- Enums become `Literal` aliases named `XType`, used in both directions.
- Every response TypedDict carries `ResponseMetadata`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from botocore import xform_name
from botocore.model import (
    ListShape,
    MapShape,
    OperationModel,
    ServiceModel,
    Shape,
    StringShape,
    StructureShape,
)
from botocore.utils import get_service_module_name

from codegen.extras import extra_methods
from codegen.load import JsonObject, RawService
from codegen.model import (
    ClientSpec,
    ExceptionSpec,
    FieldSpec,
    LiteralSpec,
    OperationSpec,
    PaginatorSpec,
    ParamSpec,
    TypedDictSpec,
    WaiterSpec,
)
from mangrove.names import Namespace, is_identifier

__all__ = ["build_client_spec", "first_sentence"]

#: A structure's three roles: a request value, a value inside a response, a whole response.
INPUT, OUTPUT, RESPONSE = "input", "output", "response"

#: Names every service stub may import; reserved so no generated name shadows them.
IMPORTABLE: dict[str, tuple[str, ...]] = {
    "collections.abc": ("Callable", "Iterator", "Mapping", "Sequence"),
    "datetime": ("datetime",),
    "os": ("PathLike",),
    "typing": ("IO", "Any", "Literal", "overload"),
    "typing_extensions": ("NotRequired", "ReadOnly", "Required", "TypedDict", "Unpack"),
    "botocore.client": ("BaseClient",),
    "botocore.errorfactory": ("BaseClientExceptions",),
    "botocore.eventstream": ("EventStream",),
    "botocore.exceptions": ("ClientError as BotocoreClientError",),
    "botocore.paginate": ("PageIterator", "Paginator"),
    "botocore.response": ("StreamingBody",),
    "botocore.waiter": ("Waiter",),
    "mangrove._typing": (
        "BlobTypeDef",
        "DocumentTypeDef",
        "ResponseTypeDef",
        "PaginatorConfigTypeDef",
        "ResponseMetadataTypeDef",
        "TimestampTypeDef",
        "WaiterConfigTypeDef",
    ),
    "mangrove.pool": ("ServicePool",),
}


def _bound_name(entry: str) -> str:
    """The name an import entry binds: `X as Y` binds Y."""
    return entry.rsplit(" as ", 1)[-1]


RESERVED = frozenset(_bound_name(name) for names in IMPORTABLE.values() for name in names)

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def first_sentence(documentation: str, limit: int = 100) -> str:
    """The first sentence of botocore's HTML documentation, as plain text."""
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", documentation))).strip()
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    if len(text) > limit:
        text = text[: limit - 3].rsplit(" ", 1)[0] + "..."
    return text


def _walk(shape: Shape, seen: set[str]) -> None:
    """Add `shape` and every shape it contains to `seen`."""
    if shape.name in seen:
        return
    seen.add(shape.name)
    if isinstance(shape, StructureShape):
        for member in shape.members.values():
            _walk(member, seen)
    elif isinstance(shape, ListShape):
        _walk(shape.member, seen)
    elif isinstance(shape, MapShape):
        _walk(shape.key, seen)
        _walk(shape.value, seen)


def _is_event_stream(shape: Shape) -> bool:
    return bool(shape.serialization.get("eventstream"))


def _is_document(shape: Shape) -> bool:
    return bool(getattr(shape, "is_document_type", False))


def _enum(shape: Shape) -> list[str]:
    return list(shape.enum) if isinstance(shape, StringShape) else []


def _is_union(shape: Shape) -> bool:
    return bool(getattr(shape, "is_tagged_union", False))


class _ShapeTyper:
    """Names and annotations for one service's shapes, decided in sorted order."""

    def __init__(self, model: ServiceModel, namespace: Namespace) -> None:
        self.model = model
        self.inputs: set[str] = set()
        self.outputs: set[str] = set()
        for operation in self.operations():
            if operation.input_shape is not None:
                for member in operation.input_shape.members.values():
                    _walk(member, self.inputs)
            if operation.output_shape is not None:
                for member in operation.output_shape.members.values():
                    _walk(member, self.outputs)
        self.response_shapes = {
            op.output_shape.name for op in self.operations() if op.output_shape is not None
        }
        self.struct_names: dict[tuple[str, str], str] = {}
        self.literal_names: dict[str, str] = {}
        for name in sorted(self.inputs | self.outputs | self.response_shapes):
            shape = model.shape_for(name)
            if isinstance(shape, StructureShape) and not (
                _is_event_stream(shape) or _is_document(shape)
            ):
                both = name in self.inputs and name in self.outputs
                if name in self.inputs:
                    self.struct_names[name, INPUT] = namespace.claim(f"{name}TypeDef")
                if name in self.outputs:
                    wanted = f"{name}OutputTypeDef" if both else f"{name}TypeDef"
                    self.struct_names[name, OUTPUT] = namespace.claim(wanted)
                if name in self.response_shapes:
                    # A response carries ResponseMetadata; the same shape nested in another
                    # response (ec2's Reservation) or sent in a request does not.
                    alone = name not in self.inputs and name not in self.outputs
                    wanted = f"{name}TypeDef" if alone else f"{name}ResponseTypeDef"
                    self.struct_names[name, RESPONSE] = namespace.claim(wanted)
            elif isinstance(shape, StringShape) and shape.enum:
                self.literal_names[name] = namespace.claim(f"{name}Type")

    def operations(self) -> list[OperationModel]:
        return [self.model.operation_model(name) for name in sorted(self.model.operation_names)]

    def annotation(self, shape: Shape, direction: str, prefix: str = "") -> str:
        """`shape` typed for `direction`; `prefix` qualifies the names of generated shapes."""
        kind = shape.type_name
        if kind == "structure":
            if _is_event_stream(shape):
                return "EventStream[dict[str, Any]]"
            if _is_document(shape):
                return "DocumentTypeDef"
            return prefix + self.struct_names[shape.name, direction]
        if isinstance(shape, ListShape):
            container = "Sequence" if direction == INPUT else "list"
            return f"{container}[{self.annotation(shape.member, direction, prefix)}]"
        if isinstance(shape, MapShape):
            container = "Mapping" if direction == INPUT else "dict"
            key = self.annotation(shape.key, direction, prefix)
            return f"{container}[{key}, {self.annotation(shape.value, direction, prefix)}]"
        if isinstance(shape, StringShape) and shape.name in self.literal_names:
            return prefix + self.literal_names[shape.name]
        if isinstance(shape, StringShape):
            return "str"
        if kind in ("integer", "long"):
            return "int"
        if kind in ("float", "double"):
            return "float"
        if kind == "boolean":
            return "bool"
        if kind == "timestamp":
            return "TimestampTypeDef" if direction == INPUT else "datetime"
        if kind == "blob":
            if direction == INPUT:
                return "BlobTypeDef"
            return "StreamingBody" if shape.serialization.get("streaming") else "bytes"
        return "Any"  # a type botocore adds later: honest, and never wrong

    def field(self, key: str, shape: Shape, direction: str, required: bool, union: bool) -> str:
        value = self.annotation(shape, direction)
        if direction == INPUT:
            value = f"ReadOnly[{value}]"
            return f"Required[{value}]" if required and not union else value
        return f"NotRequired[{value}]" if union else value

    def typed_dicts(self) -> list[TypedDictSpec]:
        specs = []
        for (shape_name, direction), name in sorted(self.struct_names.items(), key=lambda i: i[1]):
            shape = self.model.shape_for(shape_name)
            assert isinstance(shape, StructureShape)
            union = _is_union(shape)
            required = set(shape.required_members)
            values = INPUT if direction == INPUT else OUTPUT
            fields = [
                FieldSpec(key, self.field(key, member, values, key in required, union))
                for key, member in shape.members.items()
            ]
            functional = not all(is_identifier(f.key) for f in fields)
            base = "TypedDict"
            if direction == RESPONSE:
                # Responses inherit `ResponseMetadata` (one line less per operation: 33 KB
                # in ec2); the functional form cannot inherit, so it spells the key out.
                if functional:
                    fields.append(FieldSpec("ResponseMetadata", "ResponseMetadataTypeDef"))
                else:
                    base = "ResponseTypeDef"
            specs.append(
                TypedDictSpec(
                    name=name,
                    base=base,
                    fields=tuple(fields),
                    total=direction != INPUT,
                    functional=functional,
                )
            )
        return specs

    def literals(self) -> list[LiteralSpec]:
        return [
            LiteralSpec(name, tuple(_enum(self.model.shape_for(shape_name))))
            for shape_name, name in sorted(self.literal_names.items(), key=lambda i: i[1])
        ]

    def params(
        self, shape: StructureShape | None, prefix: str, skip: Iterable[str] = ()
    ) -> tuple[tuple[ParamSpec, ...], bool]:
        """Keyword-only parameters for an input shape, required first; False if impossible."""
        if shape is None:
            return (), True
        skipped = set(skip)
        required = set(shape.required_members)
        members = [(k, m) for k, m in shape.members.items() if k not in skipped]
        if not all(is_identifier(key) for key, _ in members):
            return (), False
        ordered = sorted(members, key=lambda item: item[0] not in required)
        return tuple(
            ParamSpec(key, self.annotation(member, INPUT, prefix), key in required)
            for key, member in ordered
        ), True


def _input_typed_dict(
    typer: _ShapeTyper, namespace: Namespace, shape: StructureShape
) -> TypedDictSpec:
    """The `**kwargs` TypedDict for an operation whose members are not all identifiers."""
    required = set(shape.required_members)
    fields = tuple(
        FieldSpec(key, typer.field(key, member, INPUT, key in required, False))
        for key, member in shape.members.items()
    )
    name = namespace.claim(f"{shape.name}RequestTypeDef")
    return TypedDictSpec(name, "TypedDict", fields, False, True)


def _imports(texts: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The names of `IMPORTABLE` the generated text uses, grouped by module."""
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(texts)))
    result = []
    for module, names in IMPORTABLE.items():
        wanted = tuple(sorted(n for n in names if _bound_name(n) in used))
        if wanted:
            result.append((module, wanted))
    return result


def _shapes_alias(methods: Iterable[str]) -> str:
    """How the client stub names its shapes module: `shapes`, unless a method is so named.

    A method name would shadow the module in the annotations of the class body after it.
    """
    alias = "shapes"
    taken = set(methods)
    while alias in taken:
        alias += "_"
    return alias


def build_client_spec(
    raw: RawService, namespace: Namespace, shapes_module: str, with_docs: bool = False
) -> ClientSpec:
    """Type every operation, paginator, waiter and error of one service."""
    model = ServiceModel(dict(raw.model), raw.name)
    class_name = namespace.claim(f"{get_service_module_name(model)}Client")
    exceptions_class = namespace.claim(f"{get_service_module_name(model)}Exceptions")
    typer = _ShapeTyper(model, namespace)
    extra_typed_dicts: list[TypedDictSpec] = []
    # The client stub refers to the shapes as `shapes.FilterTypeDef`: one import, where a
    # list of every name it uses would cost jedi (quadratic in the list) and 0.6 MB of bytes.
    alias = _shapes_alias(xform_name(name) for name in model.operation_names)
    prefix = f"{alias}."

    def signature(
        op: OperationModel, skip: Iterable[str] = ()
    ) -> tuple[tuple[ParamSpec, ...], str | None]:
        params, explicit = typer.params(op.input_shape, prefix, skip)
        if explicit:
            return params, None
        assert op.input_shape is not None
        spec = _input_typed_dict(typer, namespace, op.input_shape)
        extra_typed_dicts.append(spec)
        return (), prefix + spec.name

    def returns(op: OperationModel) -> str:
        if op.output_shape is None:
            return "ResponseTypeDef"
        return prefix + typer.struct_names[op.output_shape.name, RESPONSE]

    operations = []
    for op in typer.operations():
        if not is_identifier(xform_name(op.name)):
            continue  # `client.import(...)` is not Python; only getattr() reaches it
        params, kwargs_td = signature(op)
        doc = first_sentence(op.documentation) if with_docs else ""
        operations.append(
            OperationSpec(xform_name(op.name), op.name, params, kwargs_td, returns(op), doc)
        )

    paginators = []
    pagination: JsonObject = (raw.paginators or {}).get("pagination", {})
    for op_name in sorted(pagination):
        if op_name not in model.operation_names:
            continue
        config = pagination[op_name]
        tokens = config.get("input_token", [])
        skip = [tokens] if isinstance(tokens, str) else list(tokens)
        if "limit_key" in config:
            skip.append(config["limit_key"])
        op = model.operation_model(op_name)
        params, kwargs_td = signature(op, skip)
        paginators.append(
            PaginatorSpec(
                namespace.claim(f"{op_name}Paginator"),
                xform_name(op_name),
                params,
                kwargs_td,
                returns(op),
            )
        )

    waiters = []
    waiter_config: JsonObject = (raw.waiters or {}).get("waiters", {})
    for waiter_name in sorted(waiter_config):
        op_name = waiter_config[waiter_name].get("operation", "")
        if op_name not in model.operation_names:
            continue
        params, kwargs_td = signature(model.operation_model(op_name))
        waiters.append(
            WaiterSpec(
                namespace.claim(f"{waiter_name}Waiter"), xform_name(waiter_name), params, kwargs_td
            )
        )

    exceptions = tuple(
        ExceptionSpec(shape.name)
        for shape in sorted(model.error_shapes, key=lambda s: s.name)
        if is_identifier(shape.name)
    )
    extras = extra_methods(raw.name)
    typed_dicts = typer.typed_dicts() + extra_typed_dicts
    literals = typer.literals()
    shape_texts = [f.annotation for td in typed_dicts for f in td.fields]
    shape_texts.extend(td.base for td in typed_dicts)
    if literals:
        shape_texts.append("Literal")
    if any(td.functional for td in typed_dicts):
        shape_texts.append("TypedDict")

    texts = [op.returns for op in operations] + [p.page for p in paginators]
    all_params = [op.params for op in operations]
    all_params += [p.params for p in paginators] + [w.params for w in waiters]
    texts.extend(param.annotation for params in all_params for param in params)
    texts.extend(f"{m.params} {m.returns}" for m in extras)
    texts.extend(["BaseClient", "BaseClientExceptions", "BotocoreClientError", "ServicePool"])
    if paginators:
        texts.extend(["Literal", "Paginator", "PageIterator", "PaginatorConfigTypeDef"])
    if waiters:
        texts.extend(["Literal", "Waiter", "WaiterConfigTypeDef"])
    if len(paginators) > 1 or len(waiters) > 1:
        texts.append("overload")
    if extra_typed_dicts:
        texts.append("Unpack")
    imports = _imports(texts)
    if any(prefix in text for text in texts):
        package, module = shapes_module.rsplit(".", 1)
        imports.append((package, (f"{module} as {alias}",)))
    return ClientSpec(
        class_name=class_name,
        exceptions_class=exceptions_class,
        operations=tuple(operations),
        extra_methods=extras,
        paginators=tuple(paginators),
        waiters=tuple(waiters),
        exceptions=exceptions,
        shapes_module=shapes_module,
        literals=tuple(literals),
        typed_dicts=tuple(typed_dicts),
        imports=tuple(imports),
        shapes_imports=tuple(_imports(shape_texts)),
    )
