"""`pyverify report --out DIR` and the edge-of-stability demo: the page, its images, and the plotted data."""

from __future__ import annotations

import json
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="the report needs matplotlib: pip install -e \".[report]\"")

from pyverify.backend import get_backend  # noqa: E402
from pyverify.cli import main  # noqa: E402
from pyverify.report_html import build_report, markdown_table_to_html, rule_figures  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[str] = []
        self.captions = 0
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.imgs.append(dict(attrs)["src"] or "")
        elif tag == "figcaption":
            self.captions += 1
        if tag not in ("img", "meta"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch", reason="the monitor demo needs torch")
    pytest.importorskip("sklearn", reason="the demo data needs scikit-learn: pip install -e \".[report]\"")
    out = tmp_path_factory.mktemp("report")
    build_report(out, demo_steps=60, demo_step_sizes=(0.5,), progress=False, necessity_entries=NEC_ENTRIES)
    return out


# a reduced necessity search for speed: both catalog demonstrations, an empty-array counterexample
# (perceptron radius_nonneg, sgd m_pos) and a float-only entry
NEC_ENTRIES = ("oja.norm_decrease", "feedback_alignment.improves", "perceptron.convergence", "sgd.expected_descent",
               "free_energy.gibbs", "lms.convergence")


def test_report_html_parses_and_every_image_exists_as_a_png(report_dir: Path) -> None:
    page = _Page()
    page.feed((report_dir / "index.html").read_text(encoding="utf-8"))
    page.close()
    assert page.open == []  # every element closed in order
    names = {f.name for f in rule_figures()}
    assert {f"{n}.png" for n in names} | {"eos.png"} <= set(page.imgs)
    # every rule of the catalog has a sampled-instance figure, every searched entry with a counterexample one
    from pyverify.catalog import rules

    assert {f"rule_{r}.png" for r in rules()} <= set(page.imgs)
    assert {f"nec_{e.replace('.', '_')}.png" for e in NEC_ENTRIES} <= set(page.imgs)
    assert page.captions == len(page.imgs)
    for src in page.imgs:
        data = (report_dir / src).read_bytes()
        assert len(data) > 1000 and data.startswith(PNG), src


def test_report_captions_name_theorem_and_checker_and_do_not_claim_kernel_checks(report_dir: Path) -> None:
    text = (report_dir / "index.html").read_text(encoding="utf-8")
    for fig in rule_figures():
        assert fig.entry in text
    assert text.count("exact rational arithmetic") >= len(rule_figures())
    assert "not kernel-checked" in text and "float sampling" in text
    assert "<h2>What checks what</h2>" in text and "<h2>Benchmarks</h2>" in text


def test_figure_data_are_the_rules_own_iterates(report_dir: Path) -> None:
    # the LMS figure: recompute e_k² with the rule's code in exact arithmetic, compare with what was plotted
    from pyverify.rules import lms

    figs = {f["name"]: f for f in json.loads((report_dir / "figures.json").read_text())}
    plotted = figs["lms"]
    bk = get_backend("exact")
    x, y, w = bk.asarray([[1, 2]]), bk.asarray([3]), bk.asarray([[0, 0]])
    eta = bk.asarray([Fraction(1, 10)])
    errs = [lms.error(x, y, v, bk, validate=False)[0] for v in lms.iterate(eta, x, y, w, 8, bk, validate=False)]
    assert plotted["values"] == [str(e * e) for e in errs]
    # the bound ρ^k e₀², ρ = (1 − η⟪x, x⟫)² = 1/4, and the held flags follow from the values
    assert plotted["bound"] == [str(Fraction(9, 4**k)) for k in range(9)]
    assert plotted["holds_at"] == [Fraction(v) <= Fraction(b) for v, b in zip(plotted["values"], plotted["bound"])]


def test_every_necessity_counterexample_is_drawn_with_the_conclusion_broken(report_dir: Path) -> None:
    from pyverify.catalog import get_entry
    from pyverify.checking import check_necessity

    figs = {f["name"]: f for f in json.loads((report_dir / "figures.json").read_text())}
    for eid in NEC_ENTRIES:
        found = [r for r in check_necessity(get_entry(eid), samples=64) if r.status == "counterexample"]
        fig = figs[f"nec_{eid.replace('.', '_')}"]
        assert len(fig["panels"]) == len(found) > 0, eid
        for panel, r in zip(fig["panels"], found):
            assert r.hypothesis.split(" ")[0] in panel["title"]
            assert any(not pt["holds"] for pt in panel["points"]), f"{eid}/{r.hypothesis}: conclusion not broken"
    text = (report_dir / "index.html").read_text(encoding="utf-8")
    assert "float sampling" in text and text.count("catalog <code>free_energy.gibbs</code>") >= 2


def test_sampled_rule_figures_hold_and_are_the_entry_conclusion() -> None:
    from pyverify.catalog import get_entry, rules
    from pyverify.report_catalog import HEADLINE, sampled_figure

    assert set(HEADLINE) == set(rules())
    fig = sampled_figure("quadratic", instances=5)
    assert fig.holds == [True] and fig.checker == "exact rational arithmetic"
    # quadratic.improves: F(w′) < F(w) with the rule's own loss, recomputed for every plotted point
    from pyverify.rules import quadratic as qd

    entry = get_entry("quadratic.improves")
    bk = get_backend("exact")
    b = next(iter(entry.sample(np.random.default_rng(0), 8)))
    inst = b.to(bk)
    w1 = inst["w"] - inst["eta"][..., None] * qd.grad(inst["A"], inst["b"], inst["w"], bk)
    before, after = qd.loss(inst["A"], inst["b"], inst["w"], bk), qd.loss(inst["A"], inst["b"], w1, bk)
    pts = {(str(p.value), str(p.bound)) for p in fig.panels[0].points}
    assert (str(Fraction(str(after[0]))), str(Fraction(str(before[0])))) in pts
    assert sampled_figure("free_energy").checker.startswith("float sampling")


def test_predictive_coding_figure_is_the_rules_own_inference_run() -> None:
    from pyverify.rules import predictive_coding as pc

    fig = next(f for f in rule_figures() if f.name == "predictive_coding")
    bk = get_backend("exact")
    W, lam, mu0, x = bk.asarray([[[1, Fraction(1, 2)], [0, 1]]]), bk.asarray([Fraction(1, 2)]), bk.asarray([[0, 0]]), \
        bk.asarray([[1, 2]])
    mu, gamma = bk.asarray([[2, -1]]), bk.asarray([Fraction(1, 2)])
    energies = [pc.energy(W, lam, mu0, x, mu, bk)[0]]
    for _ in range(10):
        mu = pc.step(gamma, W, lam, mu0, x, mu, bk)
        energies.append(pc.energy(W, lam, mu0, x, mu, bk)[0])
    assert [str(v) for v in fig.values] == [str(e) for e in energies[1:]]
    assert [str(b) for b in fig.bound] == [str(e) for e in energies[:-1]]
    assert fig.relation == "lt" and fig.holds  # strict decrease at every step: γL = 9/8 < 2
    broken = next(f for f in rule_figures() if f.name == "predictive_coding_broken")
    assert not broken.holds and broken.broken == "step_mul_lt_two"


def test_valid_figures_hold_and_broken_ones_break() -> None:
    for fig in rule_figures():
        if fig.broken:
            assert not fig.holds, f"{fig.name}: hypothesis {fig.broken} dropped, yet the bound held"
        else:
            assert fig.holds, f"{fig.name}: the proved bound failed on the rule's iterates"


def test_td0_figure_matches_its_contraction_rate() -> None:
    fig = next(f for f in rule_figures() if f.name == "td0")
    rho = Fraction(3, 4)  # 1 − α(1 − γ) with α = γ = 1/2
    e0 = Fraction(str(fig.values[0]))
    assert [Fraction(str(b)) for b in fig.bound] == [rho**k * e0 for k in fig.ks]


def test_markdown_table_conversion_and_its_error() -> None:
    html = markdown_table_to_html("| a | b |\n|---|---|\n| **x** | `y` |\n")
    assert "<th>a</th>" in html and "<b>x</b>" in html and "<code>y</code>" in html
    with pytest.raises(ValueError, match="no markdown table"):
        markdown_table_to_html("no table here")


def test_report_cli_rejects_a_file_as_out_dir(tmp_path: Path, capsys: Any) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["report", "--out", str(f), "--no-demo"]) == 2
    assert "is a file" in capsys.readouterr().err


def test_demo_cli_short_run_shows_the_crossing_and_the_non_monotone_steps(tmp_path: Path, capsys: Any) -> None:
    pytest.importorskip("torch", reason="the demo needs torch")
    pytest.importorskip("sklearn", reason="the demo data needs scikit-learn")
    rc = main(["demo", "edge-of-stability", "--steps", "300", "--lr", "0.5", "--out", str(tmp_path), "--json"])
    assert rc == 0
    summary = json.loads(capsys.readouterr().out)
    (run,) = summary["runs"]
    # within 300 steps at η = 0.5 the sharpness reaches 2/η = 4; steps with ΔF ≤ 0 appear only after that
    assert run["first_step_eta_sharpness_ge_2"] is not None
    assert run["steps_dF_le_0_before_crossing"] == 0 and run["steps_dF_le_0_after_crossing"] > 0
    assert run["loss_last"] < run["loss_first"]
    assert (tmp_path / "eos.png").read_bytes().startswith(PNG)
    lines = (tmp_path / "eos_lr0.5.jsonl").read_text().splitlines()
    assert len(lines) == 300 and np.isfinite(json.loads(lines[-1])["loss_after"])
