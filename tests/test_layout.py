"""The package's layout: no import cycle, and every documented name still where it was."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import smmnb

ROOT = Path(smmnb.__file__).parent


def _modules() -> dict[str, Path]:
    out = {"smmnb": ROOT / "__init__.py"}
    for info in pkgutil.walk_packages([str(ROOT)], prefix="smmnb."):
        spec = importlib.util.find_spec(info.name)
        out[info.name] = Path(spec.origin)
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The smmnb modules a module imports when it is loaded (module-level statements only)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                # "from smmnb.sample import phrases" loads the submodule, not only the package
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import cycle of the graph (its modules in order), or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*path, node, nxt]
                return cycle[cycle.index(nxt) :]
            if nxt not in state and (cycle := visit(nxt, [*path, node])):
                return cycle
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name, [])):
            return cycle
    return None


def test_no_import_cycle_in_smmnb():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert len(graph) > 50 and graph["smmnb.trends.growth"]  # the graph is read
    cycle = _cycle(graph)
    assert cycle is None, " -> ".join(cycle)


def test_the_graph_test_sees_a_cycle(tmp_path):
    """The cycle test is not vacuous: two modules importing each other are found."""
    (tmp_path / "a.py").write_text("from smmnb.b import x\n")
    (tmp_path / "b.py").write_text("from smmnb.a import y\n")
    modules = {"smmnb.a": tmp_path / "a.py", "smmnb.b": tmp_path / "b.py"}
    graph = {n: _imports(n, p, modules) for n, p in modules.items()}
    assert graph == {"smmnb.a": {"smmnb.b"}, "smmnb.b": {"smmnb.a"}}
    assert _cycle(graph) == ["smmnb.a", "smmnb.b", "smmnb.a"]


def test_split_packages_keep_their_public_names():
    """trends, expectations and sample became packages; what they offered is still there."""
    from smmnb import expectations, sample, trends

    for name in trends.__all__:
        assert callable(getattr(trends, name)) or isinstance(getattr(trends, name), tuple | dict)
    for name in ("spikes", "terms", "emerging", "best_time", "follower_growth", "best_window"):
        assert callable(getattr(trends, name)), name  # the function, not a module of that name
    for name in ("sentiment", "themes", "analyze", "net_sentiment", "response_times"):
        assert callable(getattr(expectations, name)), name
    for name in ("generate", "scale", "write_sample", "digest"):
        assert callable(getattr(sample, name)), name


def test_the_documented_api_runs_as_written(ws, sample_dir, tmp_path):
    """DESIGN.md's "Public API" block, call by call, on the sample (files copied to tmp)."""
    import shutil

    import smmnb as smm

    ads_file = tmp_path / "my_ads.csv"
    ads = smm.read_table(sample_dir / "ads.csv", "ads")
    ads.rename(columns={"spend": "Spent"}).to_csv(ads_file, index=False)
    df = smm.read_table(ads_file, "ads", columns={"Spent": "spend"}, timezone="Asia/Ho_Chi_Minh")
    assert float(df["spend"].sum()) == pytest.approx(float(ads["spend"].sum()))
    export = tmp_path / "Acme-Campaigns-Jan-1-2026-Mar-31-2026.csv"
    shutil.copy(sample_dir / "exports" / "meta_ads_manager.csv", export)
    df = smm.read_export(export, brand="Acme", timezone=None, as_of=None)
    assert set(df["brand"].astype(str)) == {"Acme"}
    df = smm.validate(df, "ads")
    assert set(smm.schema.TABLES["ads"].required) <= set(df.columns)

    texts = ws.comments["text"].head(200)
    scored = smm.expectations.sentiment(texts, lang=None)
    assert set(scored["label"]) <= {"negative", "neutral", "positive"}
    assert scored["score"].between(-1, 1).all() and "lang" in scored
    labels = scored["label"]
    predicted = smm.expectations.SentimentModel().fit(texts, labels).predict(texts)
    assert len(predicted) == len(texts)
    by_platform = smm.metrics.kpis(ws.ads, by=["platform"])
    assert len(by_platform) == ws.ads["platform"].nunique()
    assert smm.stats.ab_test(10, 100, 20, 100).p_value < 0.1
    slots = smm.trends.best_time(ws.posts, metric="er_reach", tz=None, min_posts=3)
    assert {"weekday", "hour"} <= set(slots.columns)
    spikes = smm.trends.spikes(ws.mentions, freq="D")
    assert {"period", "count", "baseline", "score", "is_spike"} <= set(spikes.columns)
    voice = smm.trends.share_of_voice(ws.mentions, freq="W")
    assert {"period", "brand", "value", "share"} <= set(voice.columns)
    groups = smm.campaigns.channel_group(ws.web_sessions)
    assert len(groups) == len(ws.web_sessions)
