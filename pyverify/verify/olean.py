"""A small, read-only reader of Lean 4 ``.olean`` files: which constants a module declares, of which kind, with
which type, and which modules it imports. Used by the audit of `pyverify.verify.prove`.

Why read the file rather than ask Lean: the audit must list *every* constant the answer's module added, and
must compare the theorem's type with the spec exactly; the prelude-only test Lean cannot run meta code, and
a reader that only parses data needs nothing from the untrusted run but its output file.

Format (Lean 4.35.0, checked against files written by that binary): a 0x58-byte header (``olean`` magic,
format version, Lean version string, git hash, the base address the region was compacted for, then at 0x50
the base address and at 0x58 the root object's address), followed by the compacted object graph. Every
object has an 8-byte header ``(rc: i32, cs_sz: u16, other: u8, tag: u8)``; a constructor object (tag ≤ 244)
has ``other`` pointer fields followed by scalar bytes; arrays (tag 246) hold ``size, capacity`` and
pointers; strings (tag 249) hold ``size, capacity, length`` and UTF-8 bytes; boxed scalars are pointers
with the low bit set. The root is ``ModuleData = {imports, constNames, constants, extraConstNames,
entries}``; ``ConstantInfo`` is a constructor whose tag is the kind (axiom 0, defn 1, thm 2, opaque 3,
quot 4, induct 5, ctor 6, rec 7) around a value whose first field is ``ConstantVal = {name, levelParams,
type}``.

Every read is bounds-checked; a malformed file raises `OleanFormatError`, which the audit turns into a
rejecting verdict (never a crash and never a pass).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OleanFormatError", "Olean", "Constant", "KINDS", "read_olean"]

KINDS: tuple[str, ...] = ("axiom", "definition", "theorem", "opaque", "quot", "inductive", "constructor",
                          "recursor")

_HEADER = 0x60
_TAG_ARRAY = 246
_TAG_SARRAY = 248
_TAG_STRING = 249
_TAG_MPZ = 250
_MAX_CTOR = 244
_MAX_DEPTH = 100_000


class OleanFormatError(ValueError):
    """The file is not an .olean this reader understands."""


@dataclass(frozen=True)
class Constant:
    """One constant declared by the module: its name, kind, and the address of its type in the file."""

    name: str
    kind: str
    type_ptr: int
    safety: int | None = None  # DefinitionVal.safety: 0 unsafe, 1 safe, 2 partial (definitions only)


class Olean:
    """A parsed .olean file (the bytes are kept; objects are decoded on demand)."""

    def __init__(self, data: bytes, *, path: str = "<bytes>") -> None:
        self.path = path
        self.data = data
        if len(data) < _HEADER or not data.startswith(b"olean"):
            raise OleanFormatError(f"{path}: not an .olean file (bad magic or too short)")
        self.version = data[7:0x28].split(b"\0", 1)[0].decode("ascii", errors="replace")
        self.githash = data[0x28:0x50].decode("ascii", errors="replace")
        (self.base,) = struct.unpack_from("<Q", data, 0x50)
        (self.root,) = struct.unpack_from("<Q", data, 0x58)

    # -- raw access -------------------------------------------------------------------------
    def _off(self, ptr: int) -> int:
        if ptr & 1:
            raise OleanFormatError(f"{self.path}: expected an object pointer, got a boxed scalar {ptr >> 1}")
        off = ptr - self.base
        if not (_HEADER <= off <= len(self.data) - 8):
            raise OleanFormatError(f"{self.path}: pointer {ptr:#x} outside the file")
        return off

    def _u64(self, off: int) -> int:
        if off < 0 or off + 8 > len(self.data):
            raise OleanFormatError(f"{self.path}: read past the end at {off:#x}")
        return int(struct.unpack_from("<Q", self.data, off)[0])

    def header(self, ptr: int) -> tuple[int, int, int]:
        """(cs_sz, other, tag) of the object at ``ptr``."""
        off = self._off(ptr)
        _rc, cs_sz, other, tag = struct.unpack_from("<iHBB", self.data, off)
        return cs_sz, other, tag

    def ctor(self, ptr: int) -> tuple[int, list[int], bytes]:
        """A constructor object: (tag, pointer fields, scalar bytes)."""
        cs_sz, nobjs, tag = self.header(ptr)
        if tag > _MAX_CTOR:
            raise OleanFormatError(f"{self.path}: object at {ptr:#x} has tag {tag}, not a constructor")
        off = self._off(ptr)
        end = off + cs_sz if cs_sz else off + 8 + 8 * nobjs
        if end > len(self.data) or end < off + 8 + 8 * nobjs:
            raise OleanFormatError(f"{self.path}: constructor at {ptr:#x} overruns the file")
        fields = [self._u64(off + 8 + 8 * i) for i in range(nobjs)]
        return tag, fields, self.data[off + 8 + 8 * nobjs:end]

    def array(self, ptr: int) -> list[int]:
        """The element pointers of an ``Array`` object."""
        _cs, _other, tag = self.header(ptr)
        if tag != _TAG_ARRAY:
            raise OleanFormatError(f"{self.path}: object at {ptr:#x} has tag {tag}, not an array")
        off = self._off(ptr)
        size = self._u64(off + 8)
        if size > (len(self.data) - off) // 8:
            raise OleanFormatError(f"{self.path}: array at {ptr:#x} claims {size} elements")
        return [self._u64(off + 24 + 8 * i) for i in range(size)]

    def string(self, ptr: int) -> str:
        """The text of a ``String`` object."""
        _cs, _other, tag = self.header(ptr)
        if tag != _TAG_STRING:
            raise OleanFormatError(f"{self.path}: object at {ptr:#x} has tag {tag}, not a string")
        off = self._off(ptr)
        size = self._u64(off + 8)
        if size < 1 or off + 32 + size > len(self.data):
            raise OleanFormatError(f"{self.path}: string at {ptr:#x} overruns the file")
        return self.data[off + 32:off + 32 + size - 1].decode("utf-8", errors="strict")

    def name(self, ptr: int) -> str:
        """A ``Lean.Name`` as dotted text (numeric components as digits)."""
        parts: list[str] = []
        steps = 0
        while ptr != 1:  # box(0) = Name.anonymous
            steps += 1
            if steps > 10_000:
                raise OleanFormatError(f"{self.path}: name chain too long at {ptr:#x}")
            tag, fields, _ = self.ctor(ptr)
            if tag == 1 and len(fields) == 2:
                parts.append(self.string(fields[1]))
            elif tag == 2 and len(fields) == 2:
                parts.append(str(fields[1] >> 1) if fields[1] & 1 else "<bignum>")
            else:
                raise OleanFormatError(f"{self.path}: object at {ptr:#x} is not a Name (tag {tag})")
            ptr = fields[0]
        return ".".join(reversed(parts))

    # -- module data ---------------------------------------------------------------------------
    def _module_fields(self) -> list[int]:
        _tag, fields, _ = self.ctor(self.root)
        if len(fields) < 4:
            raise OleanFormatError(f"{self.path}: ModuleData has {len(fields)} fields, expected at least 4")
        return fields

    def imports(self) -> list[str]:
        """The names of the modules this one imports, in order."""
        out = []
        for imp in self.array(self._module_fields()[0]):
            _tag, fields, _ = self.ctor(imp)
            if not fields:
                raise OleanFormatError(f"{self.path}: Import object without a module name")
            out.append(self.name(fields[0]))
        return out

    def const_names(self) -> list[str]:
        """``ModuleData.constNames``."""
        return [self.name(p) for p in self.array(self._module_fields()[1])]

    def extra_const_names(self) -> list[str]:
        """``ModuleData.extraConstNames``."""
        return [self.name(p) for p in self.array(self._module_fields()[3])]

    def constants(self) -> list[Constant]:
        """Every constant the module declares, with its kind (from ``ModuleData.constants``)."""
        out = []
        for p in self.array(self._module_fields()[2]):
            kind_tag, fields, _ = self.ctor(p)
            if kind_tag >= len(KINDS) or len(fields) != 1:
                raise OleanFormatError(f"{self.path}: ConstantInfo at {p:#x} has tag {kind_tag}")
            _vt, vfields, vscalars = self.ctor(fields[0])
            if not vfields:
                raise OleanFormatError(f"{self.path}: constant value at {fields[0]:#x} has no fields")
            _ct, cfields, _ = self.ctor(vfields[0])
            if len(cfields) != 3:
                raise OleanFormatError(f"{self.path}: ConstantVal at {vfields[0]:#x} has {len(cfields)} fields")
            safety = vscalars[0] if KINDS[kind_tag] == "definition" and vscalars else None
            out.append(Constant(self.name(cfields[0]), KINDS[kind_tag], cfields[2], safety))
        return out

    def constant(self, name: str) -> Constant | None:
        """The constant called ``name``, if the module declares it."""
        for c in self.constants():
            if c.name == name:
                return c
        return None

    def const_name_of_expr(self, ptr: int) -> str | None:
        """If the ``Expr`` at ``ptr`` is ``Expr.const n []``, the name ``n``; else ``None``."""
        tag, fields, _ = self.ctor(ptr)
        if tag != 4 or len(fields) != 2:
            return None
        return self.name(fields[0]) if fields[1] == 1 else None


def structurally_equal(a: Olean, pa: int, b: Olean, pb: int) -> bool:
    """Whether the object graphs at ``pa`` (in ``a``) and ``pb`` (in ``b``) are equal, field by field.

    Used to compare two kernel ``Expr``s (for example a theorem's type with the elaborated spec): equal
    graphs mean syntactically identical terms (names, levels, binders, literals and cached hashes included).
    """
    seen: set[tuple[int, int]] = set()
    stack = [(pa, pb)]
    while stack:
        x, y = stack.pop()
        if (x & 1) or (y & 1):
            if x != y:
                return False
            continue
        if (x, y) in seen:
            continue
        seen.add((x, y))
        if len(seen) > _MAX_DEPTH:
            raise OleanFormatError("object graph too large to compare")
        hx, hy = a.header(x), b.header(y)
        if hx[2] != hy[2]:
            return False
        tag = hx[2]
        if tag <= _MAX_CTOR:
            tx, fx, sx = a.ctor(x)
            ty, fy, sy = b.ctor(y)
            if len(fx) != len(fy) or sx != sy:
                return False
            stack.extend(zip(fx, fy))
        elif tag == _TAG_ARRAY:
            ex, ey = a.array(x), b.array(y)
            if len(ex) != len(ey):
                return False
            stack.extend(zip(ex, ey))
        elif tag == _TAG_STRING:
            if a.string(x) != b.string(y):
                return False
        elif tag in (_TAG_SARRAY, _TAG_MPZ):
            ox, oy = a._off(x), b._off(y)
            if hx[0] != hy[0] or hx[0] == 0 or a.data[ox + 8:ox + hx[0]] != b.data[oy + 8:oy + hy[0]]:
                return False
        else:
            raise OleanFormatError(f"cannot compare objects with tag {tag}")
    return True


def read_olean(path: str | Path) -> Olean:
    """Read and parse the header of the .olean at ``path``."""
    p = Path(path)
    return Olean(p.read_bytes(), path=str(p))
