"""Theme dictionaries per business, their choice by coverage, labels, and terms as written."""

from __future__ import annotations

import collections
import re

import pandas as pd
import pytest

from smmnb import i18n, trends
from smmnb.errors import SchemaError, SmmnbError
from smmnb.io.settings import read_settings
from smmnb.narrative import expectations as say
from smmnb.text import fold_one
from smmnb.text import themes as T

# Our own made-up comments (not from any real data set).
AIRLINE = [
    "My bag is lost and nobody at baggage claim can tell me anything",
    "flight delayed 4 hours and no explanation from the gate agent",
    "Chuyến bay bị delay 3 tiếng mà không ai thông báo",
    "hanh ly ky gui bi that lac, goi tong dai khong ai nghe",
    "they cancelled my flight and I still have no refund",
    "can I change my seat to an aisle seat?",
    "the cabin crew were lovely on my trip to Hanoi",
    "bị hủy chuyến lúc nửa đêm, hoàn vé thì chờ mãi",
    "lost luggage again, third time this year",
    "thanks for the upgrade to business class!",
]
COFFEE = [
    "cà phê muối ở đây ngon nhất quận",
    "trà sữa ít ngọt quá, trân châu cứng",
    "nhân viên pha chế dễ thương ghê",
    "giao hàng trễ 1 tiếng, đá tan hết",
    "the salted coffee is too sweet for me",
    "quán có wifi mạnh, chỗ ngồi rộng rãi",
    "giá hơi mắc so với ly nhỏ",
    "order bạc xỉu mà giao nhầm thành cà phê sữa",
    "hôm nay hết bánh croissant rồi",
    "love the new matcha latte",
]


def test_every_built_in_dictionary_loads_with_both_labels():
    for name in T.BUILTIN:
        spec = T.load_themes(name)
        assert 8 <= len(spec) <= 12, name
        for theme, t in spec.items():
            assert t["phrases"] and t["label_en"] and t["label_vi"], (name, theme)
    assert T.load_themes(None) == T.load_themes("food_beverage")  # the default, the sample's


def test_coverage_picks_airlines_for_airline_complaints_and_food_for_coffee():
    airline = T.choose_themes(AIRLINE)
    assert airline.name == "travel_airlines" and airline.source == "coverage"
    assert airline.comments == len(AIRLINE) and set(airline.coverages) == set(T.BUILTIN)
    assert airline.coverage == max(airline.coverages.values())
    coffee = T.choose_themes(COFFEE * 3)  # repeats count as comments
    assert coffee.name == "food_beverage" and coffee.comments == 30
    # coverage is the share of texts with at least one theme, computed here text by text
    found = T.themes(AIRLINE, "travel_airlines").any(axis=1)
    assert airline.coverage == pytest.approx(found.sum() / len(AIRLINE))
    assert airline.coverages["food_beverage"] < airline.coverage


def test_labels_in_english_and_vietnamese():
    assert T.theme_labels("travel_airlines", "vi")["baggage"] == "Hành lý"
    assert T.theme_labels("travel_airlines", "en")["baggage"] == "Baggage"
    assert T.theme_labels()["delivery"] == "Delivery & shipping"  # the report language: en
    with i18n.use("vi"):  # no language given: the report's
        assert T.theme_labels()["delivery"] == "Giao hàng & vận chuyển"
    assert T.theme_labels(None, "vi")["delivery"] == "Giao hàng & vận chuyển"
    custom = T.theme_labels({"wifi": {"label": "Wi-Fi", "vi": ["wifi"]}}, "vi")
    assert custom == {"wifi": "Wi-Fi"}  # one label serves both languages
    with pytest.raises(ValueError, match="language must be one of en, vi"):
        T.theme_labels(None, "fr")


def test_a_users_yaml_round_trips_and_is_found_from_smmnb_yml(tmp_path):
    spec = {
        "luggage": {"label_en": "Luggage", "label_vi": "Hành lý", "vi": ["hành lý", "vali"],
                    "en": ["bag", "luggage"]},
        "crew": ["cabin crew", "tiếp viên"],
    }  # fmt: skip
    import yaml

    path = tmp_path / "my_themes.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    loaded = T.load_themes(path)
    assert loaded == T.load_themes(spec) == T.load_themes(str(path))
    assert loaded["luggage"]["phrases"] == ["hành lý", "vali", "bag", "luggage"]
    assert loaded["crew"]["label_vi"] == "crew"
    found = T.themes(["mất vali rồi", "hanh ly den tre", "tiep vien tot", "ok"], path)
    assert found["luggage"].tolist() == [True, True, False, False]
    assert found["crew"].tolist() == [False, False, True, False]
    # from smmnb.yml: a path next to it, or a built-in name
    (tmp_path / "smmnb.yml").write_text("themes: my_themes.yml\n", encoding="utf-8")
    settings = read_settings(tmp_path)
    choice = T.resolve_themes(["vali đâu rồi", "hello"], "", settings)
    assert choice.source == "settings" and choice.name == "my_themes.yml"
    assert choice.coverage == pytest.approx(0.5) and choice.comments == 2
    (tmp_path / "smmnb.yml").write_text("themes: banking\n", encoding="utf-8")
    assert read_settings(tmp_path).themes == "banking"
    # the parameter wins over smmnb.yml
    choice = T.resolve_themes(AIRLINE, "travel_airlines", read_settings(tmp_path))
    assert choice.source == "parameter" and choice.name == "travel_airlines"
    (tmp_path / "smmnb.yml").write_text("themes: no_such_business\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="file not found.*built-in: food_beverage"):
        read_settings(tmp_path)


def test_a_bad_dictionary_names_the_file_and_the_theme(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("delivery: [giao hàng\n  nope: : :\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"(?s)bad\.yml.*not a YAML file"):
        T.load_themes(bad)
    empty = tmp_path / "empty_theme.yml"
    empty.write_text("delivery: [giao hàng]\nluggage:\n  label_en: Luggage\n", encoding="utf-8")
    with pytest.raises(SmmnbError) as err:
        T.load_themes(empty)
    message = str(err.value)
    assert "empty_theme.yml" in message and "theme 'luggage': has no phrases" in message
    typo = tmp_path / "typo.yml"
    typo.write_text("delivery:\n  labl_en: Delivery\n  vi: [giao hàng]\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="theme 'delivery': unknown key.*labl_en"):
        T.load_themes(typo)
    with pytest.raises(SchemaError, match="no built-in theme dictionary named 'airline'"):
        T.load_themes("airline")
    with pytest.raises(SchemaError, match="file not found"):
        T.load_themes(tmp_path / "missing.yml")
    with pytest.raises(ValueError, match="theme 'x': has no phrases"):  # SchemaError is one
        T.load_themes({"x": []})


def _student_feedback(n: int = 240) -> list[str]:
    """Comments no built-in dictionary is written for (a course), in four recurring topics."""
    topics = [
        "giảng viên giảng bài dễ hiểu, nhiệt huyết",
        "bài tập về nhà quá nhiều, deadline dồn dập",
        "đề thi cuối kỳ khó hơn nội dung học",
        "slide bài giảng thiếu ví dụ minh họa",
    ]
    extra = ["tuần này", "môn này", "học kỳ này", "lớp mình", "thật sự", "theo em"]
    return [f"{topics[i % 4]} {extra[i % 6]} {i % 7}" for i in range(n)]


def test_discovered_theme_sizes_equal_the_topics_the_texts_were_written_from():
    # Four topics of 90, 60, 40 and 30 comments, shuffled: each theme found must hold exactly
    # the comments of its topic (the count is known by construction, not by the code).
    topics = [
        "giảng viên giảng bài dễ hiểu, nhiệt huyết",
        "bài tập về nhà quá nhiều, deadline dồn dập",
        "đề thi cuối kỳ khó hơn nội dung học",
        "slide bài giảng thiếu ví dụ minh họa",
    ]
    sizes = [90, 60, 40, 30]
    extra = ["tuần này", "môn này", "học kỳ này", "lớp mình", "thật sự", "theo em"]
    rows = [(k, f"{topics[k]} {extra[i % 6]} {i % 7}") for k in range(4) for i in range(sizes[k])]
    order = [(i * 37) % len(rows) for i in range(len(rows))]  # 37 is prime to 220: a shuffle
    topic = [rows[i][0] for i in order]
    texts = [rows[i][1] for i in order]
    found = T.discover_themes(texts, n=4)

    def topic_of(text: str) -> int:
        return next(k for k, t in enumerate(topics) if text.startswith(t))

    for row in found.itertuples():
        (k,) = {topic_of(e) for e in row.examples}
        assert row.size == sizes[k], (row.top_terms, row.size, sizes[k])
    assert sorted(found["size"]) == sorted(sizes)
    # the labelled view: comments, share and negative share per theme, counted from the topics
    labels = ["negative" if k == 1 or (k == 0 and j % 3 == 0) else "positive"
              for j, k in enumerate(topic)]  # fmt: skip
    named = T.discovered_themes(texts, labels, n=4)
    assert named["comments"].tolist() == [90, 60, 40, 30]
    assert named["share"].tolist() == pytest.approx([90 / 220, 60 / 220, 40 / 220, 30 / 220])
    want_negative = [sum(1 for j, k in enumerate(topic) if k == t and labels[j] == "negative")
                     / sizes[t] for t in range(4)]  # fmt: skip
    assert named["negative"].tolist() == pytest.approx(want_negative)
    assert named.attrs["comments"] == 220


def test_the_fallback_to_discovered_themes_when_no_dictionary_covers_half():
    texts = _student_feedback()
    choice = T.choose_themes(texts)
    # computed independently: the share of texts any phrase of the chosen dictionary finds
    hits = T.themes(texts, choice.themes).any(axis=1).mean()
    assert choice.coverage == pytest.approx(hits) and choice.coverage < T.MIN_COVERAGE
    assert choice.discovered
    assert not T.choose_themes(AIRLINE).discovered
    found = T.discovered_themes(texts, ["negative"] * 60 + ["positive"] * 180, n=4)
    # four topics of 60 comments each (i % 4), the first 60 comments negative: 15 per topic
    assert found["comments"].tolist() == [60] * 4 and found.attrs["comments"] == len(texts)
    assert found["negative"].tolist() == pytest.approx([0.25] * 4)
    words = " ".join(found["theme"])
    assert "giảng" in words or "thi" in words or "bài" in words  # labels keep diacritics
    assert all(w == fold_one(w) or not w.isascii() for w in words.split())
    sentence = say.discovered_themes(found, choice)
    assert f"covers {say.share(choice.coverage)} of the 240 customer comments" in sentence
    assert "nan" not in sentence
    assert "240 customer comments" in say.theme_source(choice)


def test_terms_show_the_most_common_written_form_counted_folded():
    texts = pd.Series(
        [
            "Giao trễ quá, đơn bị hủy",
            "giao tre qua",
            "đơn bị huỷ rồi",
            "trễ hẹn nữa",
            "Đơn bị hủy",
            "tre",
            "don bi huy",
        ]
        * 3  # fmt: skip
    )
    out = trends.terms(texts, (1, 3), min_count=3).set_index("term")
    # independently: count each word's spellings in the texts that carry diacritics
    spellings = collections.defaultdict(collections.Counter)
    for text in texts:
        if text.lower() != fold_one(text):
            for word in re.findall(r"\w+", text.lower()):
                spellings[fold_one(word)][word] += 1
    expected = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
    assert expected["tre"] == "trễ" and expected["huy"] == "hủy" and expected["don"] == "đơn"
    for folded in ("tre", "don", "huy"):
        assert expected[folded] in out.index
    # counted on folded text: every spelling of "trễ" counts ("giao tre qua", "tre" too)
    assert out.loc["trễ", "count"] == sum("tre" in fold_one(t).split() for t in texts)
    assert "đơn bị hủy" in out.index


def test_terms_leave_out_handles_urls_rt_and_the_brands():
    texts = pd.Series(
        [
            "RT @lumi_coffee: giao trễ https://t.co/abc123 #Lumi",
            "@sentea giao trễ www.lumi.vn",
            "rt giao trễ quá Lumi",
            "Moc Coffee giao trễ &amp; nguội",
        ]
        * 2  # fmt: skip
    )
    found = set(trends.terms(texts, (1, 2), min_count=2, exclude=["Lumi", "Moc Coffee"])["term"])
    assert "giao trễ" in found
    words = {w for t in found for w in t.split()}
    assert not words & {"rt", "lumi", "lumi_coffee", "sentea", "https", "co", "abc123", "www",
                        "vn", "amp", "#lumi", "moc"}  # fmt: skip
    assert "coffee" not in found  # a word of a brand's name is not a term by itself
