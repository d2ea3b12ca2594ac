"""Cold loads vectorised in Arrow (issue #19): the same results as the general Python paths.

Each fast path (Arrow's CSV reader, ISO 8601 instants cast by Arrow, RE2 prefilters, plain
numbers cast by Arrow, categories relabelled once each) is compared with the path it replaces,
forced by turning Arrow off, on values chosen to sit at the edges of what Arrow takes.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import smmnb as smm
from smmnb import schema
from smmnb.io import tables

TIMESTAMPS = [
    "2026-05-01T09:12:14Z",
    " 2026-05-01 09:12 ",
    "2026-05-01T09:12:14.123456789+07:00",
    "2026-05-01 10:00 UTC",
    "2026-05-01 10:00 +07:00",
    "2026-05-01T10:00:00GMT",
    "Mon, 01 Mar 2026 10:00 +0700",
    "Wed Oct 10 20:19:24 +0000 2018",
    "31/03/2026 18:30",
    "01/02/2026",
    "5.3.2026",
    "20260131",
    "2026-02-30T00:00:00Z",
    "2026-05-01T24:00:00Z",
    "1900-01-01T00:00+01:00",
    "2199-12-31T23:59:00-05:00",
    "1899-12-31",
    "9999-12-31",
    "2026-03-08 02:30",
    "2026-11-01 01:30",
    "٢٠٢٦-05-01",
    "2026-05-01\u00a0UTC",
    "2026-05-01 10:00\u00a0+07:00",
    "abc",
    "-1",
    "--",
    "",
    None,
]


def _general(monkeypatch):
    """Arrow off: every value through the Python paths that were there before."""
    monkeypatch.setattr(schema, "_arrow_text", lambda t: None)


@pytest.mark.parametrize("timezone", ["UTC", "Asia/Ho_Chi_Minh", "America/New_York"])
@pytest.mark.parametrize("dayfirst", [None, True, False])
def test_timestamps_and_days_read_by_arrow_as_by_the_general_parser(
    monkeypatch, timezone, dayfirst
):
    rng = np.random.default_rng(19)
    samples = [pd.Series(TIMESTAMPS[:8])] + [
        pd.Series(list(rng.choice(np.array(TIMESTAMPS, dtype=object), size=6))) for _ in range(30)
    ]
    fast = [
        (
            schema.parse_timestamps(s, timezone=timezone, dayfirst=dayfirst, column="c"),
            schema._parse_dates(s, dayfirst=dayfirst, column="c"),
        )
        for s in samples
    ]
    _general(monkeypatch)
    for s, (instants, days) in zip(samples, fast, strict=True):
        slow = schema.parse_timestamps(s, timezone=timezone, dayfirst=dayfirst, column="c")
        slow_days = schema._parse_dates(s, dayfirst=dayfirst, column="c")
        for got, want in ((instants, slow), (days, slow_days)):
            pd.testing.assert_series_equal(got[0], want[0])
            pd.testing.assert_series_equal(got[1], want[1])
            assert got[2] == want[2]


def test_plain_numbers_cast_by_arrow_as_by_pandas(monkeypatch):
    values = ["1", "-0", "007", "1e5", "1.5E-3", "1e400", "0.1", "123456789012345", "3.14159"]
    values += ["99999999999999999999", "12345678901234567", "2.5e-310", "", "--", None]
    samples = [pd.Series(values)] + [pd.Series(values[i:] + values[:i]) for i in range(1, 9)]
    fast = [schema.parse_numbers(s) for s in samples]
    _general(monkeypatch)
    for s, (values_, bad) in zip(samples, fast, strict=True):
        want = schema.parse_numbers(s)
        pd.testing.assert_series_equal(values_, want[0])
        pd.testing.assert_series_equal(bad, want[1])


def test_categories_relabelled_once_each_as_row_by_row():
    raw = pd.Series(pd.Categorical([" Lumi", "lumi ", None, "LUMI", "Đà", "đà ", "", "x"]))
    labels = np.asarray([f"row {i}" for i in range(len(raw))], dtype=object)
    for kind in ("category", "label"):
        col = schema.Column("brand", kind)
        got, problems = schema._parse_column(col, raw, labels, timezone=None, dayfirst=None)
        # row by row, as before: each value as text, stripped (lower-cased), then categories
        text = raw.astype("str").str.strip()
        text = text.str.lower() if kind == "label" else text
        want = text.where(raw.notna()).astype("category")
        pd.testing.assert_series_equal(got, want)
        assert problems == []


CSVS = {
    "plain": "post_id,brand,platform,published_at\n1,Lumi,facebook,2026-05-01T09:00:00Z\n",
    "quoted newline": 'post_id,brand,platform,text\n1,Lumi,facebook,"two\nlines, one cell"\n'
    '2,Lumi,x,""\n',
    "semicolons and blank lines": "post_id;brand;platform\n\n1;Lumi;facebook\n\n2;Lumi;x\n",
    "padded cells": "post_id,brand,platform\n 007 , Lumi ,Facebook\n",
    "crlf": "post_id,brand,platform\r\n1,Lumi,facebook\r\n2,Lumi,x\r\n",
    "duplicate header": "post_id,brand,platform,brand\n1,Lumi,facebook,Lumi\n",
    "empty header cell": "post_id,brand,platform,\n1,Lumi,facebook,\n",
    "ragged": "post_id,brand,platform\n1,Lumi,facebook,extra\n2,Lumi\n",
    "header only": "post_id,brand,platform\n",
    "key clash": "post_id,brand,platform,reach\n1,Lumi,facebook,10\n1,Lumi,facebook,12\n",
    "quote never closed": 'post_id,brand,platform\n1,Lumi,"facebook\n',
    "quote never closed, escapes": 'post_id,brand,platform\n1,5" x,"face""book\n2,Lumi,x\n',
    "quote never closed at the end": 'post_id,brand,platform\n1,Lumi,"',
    "no newline at the end": 'post_id,brand,platform\n1,Lumi,"facebook"',
    "literal quotes": 'post_id,brand,platform,text\n1,Lumi,x,a 5" screen\n',
    "quote never closed, literal quote": 'post_id,brand,platform\n1,5" x,"',
}


def _read(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = smm.read_table(path, "posts")
        except smm.SchemaError as err:
            out = str(err)
    return out, [str(w.message) for w in caught]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("name", list(CSVS))
def test_csv_read_by_arrow_as_by_pandas(tmp_path, monkeypatch, name, encoding):
    path = tmp_path / "posts.csv"
    path.write_bytes(CSVS[name].encode(encoding))
    fast = _read(path)
    monkeypatch.setattr(tables, "_read_csv_arrow", lambda *args: None)
    slow = _read(path)
    if isinstance(slow[0], str):
        assert fast == slow
    else:
        pd.testing.assert_frame_equal(fast[0], slow[0])
        assert fast[0].attrs == slow[0].attrs
        assert fast[1] == slow[1]


def test_csv_not_utf8_past_its_first_lines_is_refused_as_before(tmp_path):
    path = tmp_path / "posts.csv"
    rows = "".join(f"{i},Lumi,facebook\n" for i in range(5000))
    path.write_bytes(b"post_id,brand,platform\n" + rows.encode() + b"9,Lumi,caf\xe9\n")
    with pytest.raises(smm.SchemaError, match="not UTF-8 or UTF-16 text"):
        smm.read_table(path, "posts")


def test_row_labels_are_made_when_asked_for():
    labels = schema.RowLabels("line", 2, 5)
    assert len(labels) == 5 and labels[0] == "line 2" and labels[-1] == "line 6"
    kept = labels[np.array([True, False, True, True, False])]
    assert list(kept) == ["line 2", "line 4", "line 5"]
    assert kept[np.int64(2)] == "line 5"
    with pytest.raises(IndexError):
        labels[5]


# Arrow tables typed by Arrow's kernels (``schema._from_arrow``): the same frame, the same
# errors and the same warnings as the pandas frame pandas reads from the same file.

WS = [" a", "b ", "\u3000c", "d\u00a0", "\u2003", " ", "", "\t", "😀", "😀 ", "x\u200b"]
COLUMNS = {
    "posts": {
        "post_id": ["p1", " p2 ", "p\u00a03", "p4\u3000", "😀", "Đ5", "p6", "p7", "p8", "p9", "p0"],
        "brand": [" Lumi", "Lumi ", "lumi", "Lumi", "Moc", "Moc", "Lumi", "Lumi", "Đà", "đà ", "x"],
        "platform": ["Facebook", " x", "TikTok ", "facebook", "X", "x", "zalo", "x", "x", "x", "x"],
        "published_at": ["2026-05-01T09:00:00Z"] * 10 + ["2026-05-01T09:00:00+07:00"],
        "format": ["Reel", "--", "", None, "NULL", "N/A", "nan", "video", "Video", " photo", "x"],
        "text": WS,
        "campaign": ["Tết", None, "", " Tết ", "-", "tết", "A", "B", "a", "b", "c"],
        "paid": [True, False, None, True, False, True, False, True, False, True, False],
        "reach": [1, 2, None, 4, 5, 6, 7, 8, 9, 10, 2**53],
        "impressions": [1.0, 2.0, 3.0, None, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0],
        "url": WS,
    },
}


def _variants():
    """(name, table, pandas frame) to write as Parquet: clean columns, and each kind broken."""
    base = pd.DataFrame(COLUMNS["posts"])
    base["paid"] = base["paid"].astype("boolean")
    base["reach"] = base["reach"].astype("Int64")
    yield "strings and labels", base
    yield (
        "labels as categories",
        base.astype({c: "category" for c in ("brand", "platform", "format", "campaign")}),
    )
    yield "counts as int64", base.assign(reach=np.arange(11, dtype="int64"))
    yield "counts as uint64 beyond 2**53", base.assign(reach=np.array([2**60] * 11, "uint64"))
    yield "negative count", base.assign(reach=pd.array([-1] + [1] * 10, "Int64"))
    yield "fractional count", base.assign(impressions=[1.5] + [1.0] * 10)
    yield "infinite count", base.assign(impressions=[np.inf] + [1.0] * 10)
    yield (
        "counts as text",
        base.assign(reach=["1", "2", "", "4", "5", "6", "7", "8", "9", "1e3", "007"]),
    )
    yield (
        "counts as odd text",
        base.assign(reach=["1,234", "2", "--", "4", " 5", "6", "7", "8", "9", "10", "11"]),
    )
    yield "missing id", base.assign(post_id=[None] + list(base["post_id"][1:]))
    yield "blank id", base.assign(post_id=["\u3000"] + list(base["post_id"][1:]))
    yield "same id, same row", pd.concat([base, base.iloc[[3]]], ignore_index=True)
    yield (
        "same id, other values",
        pd.concat([base, base.iloc[[3]].assign(reach=99)], ignore_index=True),
    )
    yield "ids differing by spaces", base.assign(post_id=["p1", " p1"] + list(base["post_id"][2:]))
    yield "missing brand", base.assign(brand=[None] + list(base["brand"][1:]))
    yield "placeholder platform", base.assign(platform=["--"] + list(base["platform"][1:]))
    yield (
        "placeholder platform as category",
        base.assign(platform=pd.Categorical(["", *base["platform"][1:]])),
    )
    stamps = pd.to_datetime(["2026-05-01 09:00"] * 11)
    yield "naive instants", base.assign(published_at=stamps)
    yield "instants in +07:00", base.assign(published_at=stamps.tz_localize("Asia/Ho_Chi_Minh"))
    yield (
        "instants in microseconds",
        base.assign(published_at=stamps.tz_localize("UTC").as_unit("us")),
    )
    yield (
        "instants before 1900",
        base.assign(
            published_at=pd.array(
                [pd.Timestamp("1800-01-01", tz="UTC")] * 11, "datetime64[us, UTC]"
            )
        ),
    )
    yield (
        "instants as text in many forms",
        base.assign(
            published_at=[
                "2026-05-01T09:00:00Z",
                " 2026-05-01 09:00",
                "01/05/2026 09:00",
                "2026-02-30T00:00:00Z",
            ]
            + ["2026-05-01T09:00:00.5+07:00"] * 7
        ),
    )
    yield (
        "paid as text",
        base.assign(paid=["true", "False", "", "yes", "no", "1", "0", "có", "x", "n", "y"]),
    )
    yield "paid as odd text", base.assign(paid=["maybe"] + ["true"] * 10)
    yield "paid with missing values", base.assign(paid=[True, None] + [False] * 9)
    yield "no rows", base.iloc[:0]
    yield "a column with no values", base.assign(campaign=None, url=None, reach=None)
    yield "an index kept", base.set_index("url")
    yield "extra columns", base.assign(notes="x", score=1.5)


def _outcome(read):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = read()
        except smm.SchemaError as err:
            out = str(err)
    return out, [str(w.message) for w in caught]


def _same(got, want):
    if isinstance(want[0], str) or isinstance(got[0], str):
        assert got == want
        return
    pd.testing.assert_frame_equal(got[0], want[0])
    assert got[0].attrs == want[0].attrs
    assert got[1] == want[1]
    for column in got[0].columns:  # categories: the same, in the same order
        if isinstance(want[0][column].dtype, pd.CategoricalDtype):
            assert list(got[0][column].cat.categories) == list(want[0][column].cat.categories)


VARIANTS = dict((name, frame) for name, frame in _variants())


@pytest.mark.parametrize("name", list(VARIANTS))
def test_parquet_columns_typed_by_arrow_as_by_pandas(tmp_path, name):
    path = tmp_path / "posts.parquet"
    VARIANTS[name].to_parquet(path)
    for timezone in (None, "Asia/Ho_Chi_Minh"):
        fast = _outcome(lambda tz=timezone: smm.read_table(path, "posts", timezone=tz))
        slow = _outcome(
            lambda tz=timezone: smm.validate(
                pd.read_parquet(path), "posts", source=str(path), timezone=tz,
                row_labels=schema.RowLabels("row", 1, len(VARIANTS[name])),
            )
        )  # fmt: skip
        if not isinstance(slow[0], str):
            slow[0].attrs["source"] = "canonical"
        _same(fast, slow)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_csv_columns_typed_by_arrow_as_by_pandas(tmp_path, monkeypatch, name):
    frame = VARIANTS[name].reset_index() if name == "an index kept" else VARIANTS[name]
    path = tmp_path / "posts.csv"
    frame.to_csv(path, index=False)
    fast = _outcome(lambda: smm.read_table(path, "posts", timezone="Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(schema, "_from_arrow", lambda col, arr: None)
    slow = _outcome(lambda: smm.read_table(path, "posts", timezone="Asia/Ho_Chi_Minh"))
    _same(fast, slow)


def test_ids_sharing_a_hash_are_compared_by_their_text(tmp_path, monkeypatch):
    frame = pd.DataFrame(COLUMNS["posts"])
    path = tmp_path / "posts.parquet"
    pd.concat([frame, frame.iloc[[2]]], ignore_index=True).to_parquet(path)
    want = _outcome(lambda: smm.read_table(path, "posts"))
    # every id the same hash: the rows are told apart by their text alone
    monkeypatch.setattr(schema, "_text_hashes", lambda a: np.zeros(len(a), dtype=np.uint64))
    _same(_outcome(lambda: smm.read_table(path, "posts")), want)
    assert want[1] == [f"{path}: dropped 1 exact duplicate row(s) of table 'posts'"]


def test_text_hashes_tell_strings_apart_by_every_byte():
    values = ["", "a", "a\x00", "ab", "ba", "abcdefgh", "abcdefgh\x00", "abcdefghi", "abcdefgi",
              "😀", "Đà Nẵng", "x" * 16, "x" * 17, "x" * 24, "x" * 23 + "y", "y" + "x" * 23,
              "x" * 40, "x" * 39 + "y", "x" * 20 + "y" + "x" * 19, None]  # fmt: skip
    for array in (pa.array(values), pa.array(values, pa.large_string())):
        hashes = schema._text_hashes(pa.chunked_array([array[:5], array[5:]]))
        present = [h for h, v in zip(hashes, values, strict=True) if v is not None]
        assert len(set(present)) == len(present)
        # the same string, the same hash, in any chunk, beside strings of any length
        again = schema._text_hashes(pa.array(values[1:], array.type))
        assert (again == hashes[1:]).all()
        alone = [schema._text_hashes(pa.array([v], array.type))[0] for v in values[:-1]]
        assert alone == list(hashes[:-1])


@pytest.mark.filterwarnings("ignore::smmnb.DataWarning")  # the sample's unusable export
def test_sample_read_from_parquet_and_csv_as_by_pandas(tmp_path, monkeypatch, sample_dir):
    import shutil

    folder = tmp_path / "parquet"  # the sample's tables as Parquet, written by pandas
    folder.mkdir()
    shutil.copy(sample_dir / "smmnb.yml", folder)
    for name in smm.TABLES:
        if (sample_dir / f"{name}.csv").exists():
            table = smm.read_table(sample_dir / f"{name}.csv", name, extras=False)
            table.to_parquet(folder / f"{name}.parquet")
    for path in (sample_dir, folder):
        fast = smm.load_workspace(path, cache=False)
        with monkeypatch.context() as m:  # pandas' frames, one file after the other
            m.setattr(schema, "_from_arrow", lambda col, arr: None)
            m.setattr(tables.os, "cpu_count", lambda: 1)
            slow = smm.load_workspace(path, cache=False)
        for name in smm.TABLES:
            pd.testing.assert_frame_equal(fast.tables[name], slow.tables[name])
        pd.testing.assert_frame_equal(fast.sources, slow.sources)


def test_an_id_twice_in_two_row_groups_is_found(tmp_path):
    ids = [f"p{i}" for i in range(1, 12)] + ["a-much-longer-id-of-forty-characters-xx", "p3"]
    frame = pd.DataFrame({"post_id": ids, "brand": "Lumi", "platform": "x", "reach": range(13)})
    path = tmp_path / "posts.parquet"
    frame.to_parquet(path, row_group_size=4)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "posts")
    assert str(info.value.problems[0]).startswith(
        "column 'post_id': 'p3' appears on rows 3 and 13 with different reach"
    )


def test_files_read_in_threads_warn_in_the_tables_order(tmp_path, monkeypatch):
    monkeypatch.setattr(tables.os, "cpu_count", lambda: 2)
    posts = "post_id,brand,platform\np1,Lumi,x\np1,Lumi,x\n"
    rows = "".join(f"c{i},Lumi,x,2026-05-01T09:00:00Z,hello {i}\n" for i in range(5000))
    comments = "comment_id,brand,platform,created_at,text\n" + rows + rows.splitlines()[0] + "\n"
    (tmp_path / "posts.csv").write_text(posts)
    (tmp_path / "comments.csv").write_text(comments)  # the larger: read first
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = smm.load_workspace(tmp_path, cache=False)
    assert [str(w.message) for w in caught if issubclass(w.category, smm.DataWarning)] == [
        f"{tmp_path / 'posts.csv'}: dropped 1 exact duplicate row(s) of table 'posts'",
        f"{tmp_path / 'comments.csv'}: dropped 1 exact duplicate row(s) of table 'comments'",
    ]
    assert len(ws.tables["posts"]) == 1 and len(ws.tables["comments"]) == 5000


def test_blank_text_is_what_strip_leaves_empty_for_every_character():
    """Blank text is found with ``utf8_is_space``; pandas strips with ``utf8_trim_whitespace``."""
    chars = pa.array([chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF])
    space = pc.utf8_is_space(chars).to_numpy(zero_copy_only=False)
    stripped = pc.binary_length(pc.utf8_trim_whitespace(chars)).to_numpy() == 0
    assert space.sum() >= 25 and (space == stripped).all()


def test_shared_keys_found_by_hashes_as_by_pandas():
    rng = np.random.default_rng(19)
    n = 400
    frame = pd.DataFrame(
        {
            "day": pd.Series(pd.to_datetime(rng.choice(["2026-05-01", "2026-05-02", None], n))),
            "at": pd.to_datetime(rng.choice(["2026-05-01T01:00Z", None], n), utc=True),
            "brand": pd.Categorical(rng.choice(["Lumi", "Moc", None], n)),
            "text": pd.Series(rng.choice(["", "a", "ab", "x" * 20, None], n), dtype="str"),
            # the same last eight bytes: told apart by the hash of all their bytes
            "url": pd.Series(
                rng.choice(["a/posts/12345678", "b/posts/12345678", "12345678"], n), dtype="str"
            ),  # fmt: skip
            "amount": rng.choice([0.0, -0.0, 1.5, np.nan], n),
            "count": pd.array(rng.choice([1, 2, None], n), dtype="Int64"),
            "flag": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
        }
    )
    for key in (["day"], ["text"], ["url"], ["brand", "text"], ["brand", "url"],
                ["day", "at", "brand", "amount", "count"], list(frame.columns)):  # fmt: skip
        want = frame.duplicated(key, keep=False).to_numpy()
        assert (schema._shared_key(frame, key) == want).all(), key
    unique = frame.drop_duplicates().reset_index(drop=True)
    assert not schema._shared_key(unique, list(frame.columns)).any()


def test_blank_and_strippable_strings_found_as_strip_finds_them():
    chars = pa.array([chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF])
    spaces = chars.filter(pc.utf8_is_space(chars)).to_pylist()
    values = ["", "a", "Ở đâu", "x y", "\x00", "é", None, "ab"]
    for w in spaces:
        values += [w, w + w, w + "a", "a" + w, "Đ" + w, w + "Đ", "a" + w + "b"]
    stripped = pc.utf8_trim_whitespace(pa.array(values)).to_pylist()
    blank = [v is not None and s == "" for v, s in zip(values, stripped, strict=True)]
    changed = [v is not None and (s != v or v == "") for v, s in zip(values, stripped, strict=True)]
    for kind in (pa.string(), pa.large_string()):
        array = pa.array(values, kind)
        for cut in (0, 7, len(values) // 2):
            arr = pa.chunked_array([array[:cut], array[cut:]])
            assert schema._blanks(arr).tolist() == blank
            may = schema._may_strip(arr) & ~np.array([v is None for v in values])
            assert (may | ~np.array(changed)).all()  # every string that strip changes
    ids = pa.chunked_array([pa.array(["p1", "", "p-2", None, "x"]), pa.array(["", "q"])])
    assert schema._may_strip(ids).tolist()[:3] == [False, True, False]
    assert schema._may_strip(ids).tolist()[4:] == [False, True, False]
    assert schema._blanks(ids).tolist() == [False, True, False, False, False, True, False]


def test_text_tails_are_the_same_for_the_same_string_anywhere():
    values = ["", "a", "ab", "ba", "abcdefgh", "xbcdefghi", "abcdefghi", "Đà Nẵng", "😀", None, "q"]
    for kind in (pa.string(), pa.large_string()):
        array = pa.array(values, kind)
        alone = [schema._text_tails(pa.array([v], kind))[0] for v in values]
        for cut in range(len(values)):  # at the buffer's start, end, or after a slice's start
            tails = schema._text_tails(pa.chunked_array([array[:cut], array[cut:]]))
            assert list(tails) == alone
        present = [t for t, v in zip(alone, values, strict=True) if v is not None]
        assert len(set(present)) == len(present) - 1  # "abcdefghi" and "xbcdefghi" alone share
