"""Tiny notebooks of our own for the report and kernel tests: a title, a parameters cell and
code cells, on the project's ``python3`` kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat


def write_notebook(path: Path, title: str, parameters: str, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {title}"),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        *(nbformat.v4.new_code_cell(c) for c in cells),
    ]
    nbformat.write(nb, path)
