"""Cold loads vectorised in Arrow (issue #19): the same results as the general Python paths.

Each fast path (Arrow's CSV reader, ISO 8601 instants cast by Arrow, RE2 prefilters, plain
numbers cast by Arrow, categories relabelled once each) is compared with the path it replaces,
forced by turning Arrow off, on values chosen to sit at the edges of what Arrow takes.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
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
