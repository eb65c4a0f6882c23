"""Every notebook in notebooks/ is commit-ready: valid, stripped, portable and small.

Rules (see notebooks/README.md):
- valid nbformat 4, kernel python3;
- no outputs and no execution counts, except checked cells: source starting with the line
  ``# NBVAL_CHECK_OUTPUT`` and cell metadata ``"keep_output": true`` (nbstripout keeps those
  outputs); checked cells keep an execution count, without which nbval refuses to compare;
- a cell that draws a chart ends with ``plt.show()``;
- no absolute paths (/work, /home, /root, C:\\Users) in sources or kept outputs;
- the file is smaller than 100 KB.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"
MAX_BYTES = 100_000

# A call that draws: newslib.plots / plots_<capability> helpers, pyplot drawing functions,
# pandas .plot / .hist, or Axes drawing methods.
_DRAWS = re.compile(
    r"\bplots(?:_\w+)?\.\w+\s*\("
    r"|\bplt\.(?:subplots|figure|plot|bar|barh|hist|scatter|imshow|pie|boxplot|step|stem|fill_between)\s*\("
    r"|\.plot(?:\.\w+)?\s*\("
    r"|\.hist\s*\("
    r"|\bax\w*\.(?:plot|bar|barh|hist|scatter|imshow|pie|boxplot|step|stem|fill_between)\s*\("
)
_ABSOLUTE = re.compile(r"(?<![\w.~])/(?:work|home|root)(?:/|\b)|\b[A-Za-z]:\\\\?Users\b")


def _ids(paths):
    return [p.name for p in paths]


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _is_checked(cell) -> bool:
    return cell.source.lstrip().startswith(CHECK)


def _last_code_line(source: str) -> str:
    lines = [ln.strip() for ln in source.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return lines[-1] if lines else ""


def test_there_are_notebooks():
    assert (NOTEBOOKS / "01_corpus_overview.ipynb") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_valid_nbformat4_python3(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert nb.nbformat == 4
    nbformat.validate(nb)
    ks = nb.metadata.get("kernelspec", {})
    assert ks.get("name") == "python3", ks
    assert ks.get("language", "python") == "python"


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_stripped_except_checked_cells(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(_code_cells(nb)):
        keep = bool(cell.metadata.get("keep_output"))
        checked = _is_checked(cell)
        assert keep == checked, (
            f"cell {i}: `# NBVAL_CHECK_OUTPUT` and metadata keep_output must go together "
            f"(checked={checked}, keep_output={keep})")
        if not checked:
            assert not cell.outputs, f"cell {i} has outputs; run nbstripout"
            assert cell.execution_count is None, f"cell {i} has an execution count; run nbstripout"
        else:
            # nbval skips the comparison ("Unrun reference cell has outputs") without a count;
            # nbstripout nulls it, so restore it (see notebooks/README.md).
            assert cell.outputs, f"checked cell {i} has no stored output to compare"
            assert cell.execution_count is not None, (
                f"checked cell {i} has no execution count; restore it after nbstripout")
        for out in cell.outputs:
            assert out.output_type != "error", f"cell {i} kept an error output"
            assert "image/png" not in out.get("data", {}), f"cell {i}: a checked cell must print, not draw"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            assert not cell.get("outputs"), f"cell {i} ({cell.cell_type}) has outputs"


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_checked_cells_exist_and_are_few(path):
    nb = nbformat.read(path, as_version=4)
    checked = [c for c in _code_cells(nb) if _is_checked(c)]
    assert 1 <= len(checked) <= 8, f"{len(checked)} checked cells (the recipe asks for 2-4)"


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_plot_cells_end_with_show(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(_code_cells(nb)):
        if _DRAWS.search(cell.source):
            assert _last_code_line(cell.source) == "plt.show()", (
                f"cell {i} draws a chart but does not end with plt.show():\n{cell.source}")


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_no_absolute_paths(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        texts = [cell.source]
        for out in cell.get("outputs", []):
            texts.append(json.dumps(out))
        for text in texts:
            m = _ABSOLUTE.search(text)
            assert m is None, f"cell {i}: absolute path {m.group(0)!r} in {text[:200]!r}"


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_small_file(path):
    assert path.stat().st_size < MAX_BYTES


def test_rules_catch_violations():
    """The checks above fail on a notebook that breaks them."""
    assert _DRAWS.search("ax = plots.word_counts(articles)")
    assert _DRAWS.search("df.plot.bar(x='a')")
    assert _DRAWS.search("fig, ax = plt.subplots()")
    assert not _DRAWS.search("print(plt.rcParams['figure.dpi'])")
    assert _last_code_line("plots.word_counts(a)\nplt.show()\n# done\n") == "plt.show()"
    assert _ABSOLUTE.search('read_articles("/work/main/seeds")')
    assert _ABSOLUTE.search("open('/home/me/x.txt')")
    assert _ABSOLUTE.search("C:\\Users\\me")
    assert not _ABSOLUTE.search('Path("..") / "seeds"')
    assert not _ABSOLUTE.search("https://example.com/work/items")  # a URL path is fine
