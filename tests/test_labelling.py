"""Teach it your language: the labelling sample, the labelled file and the model trained on it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from smmnb import expectations as E
from smmnb.cli import main
from smmnb.errors import SchemaError
from smmnb.text import lexicon


@pytest.fixture(scope="module")
def labelled(generated):
    """The sample's customer comments and the sentiment the generator meant."""
    comments = generated.tables["comments"]
    truth = generated.truth["comments"].set_index("comment_id")
    customer = comments[comments["comment_id"].isin(truth.index)].reset_index(drop=True)
    return customer["text"], pd.Series(truth.loc[customer["comment_id"], "sentiment"].to_numpy())


def test_labelling_sample_is_deterministic_and_keeps_the_index(labelled):
    texts, _ = labelled
    texts = texts.head(3000).set_axis(np.arange(3000) * 10 + 5)
    first = E.labelling_sample(texts, n=60, seed=3)
    again = E.labelling_sample(texts, n=60, seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 60
    assert list(first.columns) == ["text", "suggested", "score", "uncertainty", "label"]
    assert (first["label"] == "").all()
    assert first.index.isin(texts.index).all()
    assert (first["text"] == texts[first.index]).all()
    scored = E.sentiment(first["text"])
    assert first["suggested"].tolist() == scored["label"].tolist()
    assert first["score"].to_numpy() == pytest.approx(scored["score"].to_numpy())
    assert not E.labelling_sample(texts, n=60, seed=4).index.equals(first.index)
    from smmnb import text

    assert text.labelling_sample is E.labelling_sample


def test_labelling_sample_has_no_duplicates_or_near_duplicates(labelled):
    texts, _ = labelled
    picked = E.labelling_sample(texts, n=150, seed=0)
    folded = E.normalize(picked["text"])["folded"]
    assert not folded.duplicated().any()
    # the sample's comments come from templates: no two picked share one up to a word
    words = [set(t.split()) for t in folded]
    for i in range(len(words)):
        for j in range(i):
            union = words[i] | words[j]
            assert len(words[i] & words[j]) / len(union) < 0.85, (folded.iloc[i], folded.iloc[j])
    # copies of one comment, differing only in case, handles and links, count once
    copies = pd.Series(["Giao hàng chậm quá", "giao hàng CHẬM quá @lumi", "giao hàng chậm quá "
                        "https://x.co/a", "Ngon lắm nha shop"])  # fmt: skip
    assert len(E.labelling_sample(copies, n=10)) == 2


def test_labelling_sample_puts_the_uncertain_first():
    sure = ["ngon tuyệt vời, rất thích", "love it, amazing, best coffee ever",
            "tệ hại, dở tệ, thất vọng quá", "terrible, awful, worst service ever"]  # fmt: skip
    unsure = ["ly cà phê hôm nay hơi khác", "the cup was different today",
              "đợi mãi chưa thấy giao", "my order still has not arrived"]  # fmt: skip
    texts = pd.Series(sure + unsure)
    scores = E.sentiment(texts)["score"].abs()
    assert scores[4:].max() < scores[:4].min()  # the premise: the lexicon is surer of "sure"
    picked = E.labelling_sample(texts, n=8)
    assert (picked["uncertainty"].diff().dropna() <= 0).all()
    # distance of the score from the threshold: the top of the sample is nearer to it
    distance = (picked["score"].abs() - lexicon.THRESHOLD).abs()
    assert distance.iloc[:4].mean() < distance.iloc[4:].mean()
    assert set(picked.index[:4]) & set(range(4, 8))


def test_label_sample_cli_writes_and_refuses_to_overwrite(tmp_path, labelled):
    texts, _ = labelled
    source = tmp_path / "comments.csv"
    pd.DataFrame({"text": texts.head(400), "other": 1}).to_csv(source, index=False)
    out = tmp_path / "labels.csv"
    result = CliRunner().invoke(main, ["label-sample", str(source), "--n", "25", "--out",
                                       str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(written.columns) == ["line", "text", "suggested", "score", "uncertainty", "label"]
    assert len(written) == 25 and (written["label"] == "").all()
    # the line of each comment in the source file (header on line 1)
    assert (texts.head(400).to_numpy()[written["line"] - 2] == written["text"]).all()
    out.write_text("text,label\nmy labels,positive\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["label-sample", str(source), "--out", str(out)])
    assert again.exit_code != 0 and "exists already" in again.output and "--force" in again.output
    assert out.read_text(encoding="utf-8") == "text,label\nmy labels,positive\n"
    forced = CliRunner().invoke(main, ["label-sample", str(source), "--n", "5", "--out",
                                       str(out), "--force"])  # fmt: skip
    assert forced.exit_code == 0 and len(pd.read_csv(out)) == 5
    bad = tmp_path / "bad.csv"
    bad.write_text("message\nhello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["label-sample", str(bad), "--out", str(tmp_path / "x.csv")])
    assert result.exit_code != 0 and "no 'text' column" in result.output


def test_label_sample_cli_reads_a_data_folder(tmp_path, sample_dir):
    out = tmp_path / "labels.csv"
    result = CliRunner().invoke(main, ["label-sample", str(sample_dir), "--n", "20", "--out",
                                       str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert written.columns[0] == "comment_id" and len(written) == 20


def _write(tmp_path, labels, texts=None, name="labels.csv"):
    texts = texts if texts is not None else [f"comment number {i}" for i in range(len(labels))]
    path = tmp_path / name
    pd.DataFrame({"text": texts, "label": labels}).to_csv(path, index=False)
    return path


def test_read_labels_accepts_every_spelling_and_skips_unlabelled_rows(tmp_path):
    spellings = ["negative", "Tiêu cực", "neg", "-1", "NEUTRAL", "trung lập", "neu", "0",
                 "positive", "tích cực", "pos", "1"]  # fmt: skip
    meant = ["negative"] * 4 + ["neutral"] * 4 + ["positive"] * 4
    labels = (spellings * 3) + [""] * 5
    from smmnb.text.model import read_labels

    read = read_labels(_write(tmp_path, labels))
    assert read["label"].tolist() == meant * 3
    assert read["row"].iloc[0] == "line 2" and len(read) == 36


def test_read_labels_names_the_file_column_and_rows(tmp_path):
    from smmnb.text.model import read_labels

    labels = ["negative", "neutral", "positive"] * 12
    labels[4], labels[9] = "good?", "meh"
    path = _write(tmp_path, labels)
    with pytest.raises(SchemaError) as err:
        read_labels(path)
    message = str(err.value)
    assert str(path) in message and "column 'label'" in message
    assert "line 6 ('good?')" in message and "line 11 ('meh')" in message
    # a comment spanning two lines shifts the lines after it
    texts = [f"comment {i}" for i in range(36)]
    texts[1] = "two\nlines"
    with pytest.raises(SchemaError, match=r"line 7 \('good\?'\)"):
        read_labels(_write(tmp_path, labels, texts))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("text,sentiment\na,positive\n", "no 'label' column"),
        ("text,label\n" + "a,positive\n" * 10 + "b,negative\n" * 10 + "c,neutral\n" * 5,
         "only 25 labelled comments"),
        ("text,label\n" + "a,positive\n" * 20 + "b,negative\n" * 20, "too few comments labelled "
         "neutral"),
        ("text,label\n" + "a,positive\n" * 12 + "b,negative\n" * 12 + "c,neutral\n" * 12
         + ",neutral\n", "a label without a text at line 38"),
        ("text,label\nx,\ny,\n", "no labelled comments"),
    ],
)  # fmt: skip
def test_read_labels_refuses_unusable_files(tmp_path, content, expected):
    from smmnb.text.model import read_labels

    path = tmp_path / "labels.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SchemaError, match=expected) as err:
        read_labels(path)
    assert str(path) in str(err.value)
    with pytest.raises(SchemaError, match="file not found"):
        read_labels(tmp_path / "missing.csv")


def test_labelling_workflow_beats_random_labels_with_plain_tfidf(labelled):
    """300 labels picked by labelling_sample + SentimentModel beat 300 random labels + TF-IDF."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.pipeline import make_pipeline

    texts, truth = labelled
    picked = E.labelling_sample(texts, n=300, seed=0).index
    rng = np.random.default_rng(0)
    random = rng.choice(len(texts), 300, replace=False)
    rest = np.setdiff1d(np.arange(len(texts)), np.union1d(picked, random))
    ours = E.SentimentModel().fit(texts[picked], truth[picked])
    naive = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
    naive.fit(texts[random], truth[random])
    f1_ours = f1_score(truth[rest], ours.predict(texts[rest]), average="macro")
    f1_naive = f1_score(truth[rest], naive.predict(texts[rest]), average="macro")
    f1_lexicon = f1_score(truth[rest], E.sentiment(texts[rest])["label"], average="macro")
    assert f1_ours > f1_naive + 0.05, (f1_ours, f1_naive)
    assert f1_ours > f1_lexicon, (f1_ours, f1_lexicon)


def test_train_from_labels_measures_the_model_and_analyze_uses_it(tmp_path, labelled):
    texts, truth = labelled
    picked = E.labelling_sample(texts, n=120, seed=1)
    picked["label"] = truth[picked.index].map({"negative": "tiêu cực", "neutral": "neu",
                                               "positive": "1"})  # fmt: skip
    path = tmp_path / "labels.csv"
    picked.to_csv(path, index=False)
    model = E.SentimentModel.from_labels(path)
    assert model.labels_file_ == path and model.classes_ == ["negative", "neutral", "positive"]
    result = model.evaluation_
    assert result["texts"] == 120 and result["confusion"].to_numpy().sum() == 120
    again = E.SentimentModel(seed=0).evaluate(picked["text"], truth[picked.index], folds=5)
    assert result["accuracy"] == pytest.approx(again["accuracy"])
    assert result["macro_f1"] == pytest.approx(again["macro_f1"])
    diagonal = np.trace(result["confusion"].to_numpy())
    assert result["accuracy"] == pytest.approx(diagonal / 120)
    # analyze with the model: its labels and scores, everything else as before
    comments = pd.DataFrame({"text": texts.head(300).to_numpy(), "comment_id": range(300)})
    plain = E.analyze(comments)
    learned = E.analyze(comments, model=model)
    assert learned["sentiment"].tolist() == model.predict(comments["text"]).tolist()
    proba = model.predict_proba(comments["text"])
    assert learned["score"].to_numpy() == pytest.approx(
        (proba["positive"] - proba["negative"]).to_numpy())  # fmt: skip
    assert learned["lang"].tolist() == plain["lang"].tolist()
    assert learned["theme"].equals(plain["theme"])
    assert (learned["sentiment"] != plain["sentiment"]).any()
    assert E.train_from_labels(path).evaluation_["macro_f1"] == pytest.approx(
        result["macro_f1"])  # fmt: skip


def test_model_save_load_keeps_predictions_and_evaluation(tmp_path, labelled):
    texts, truth = labelled
    model = E.SentimentModel().fit(texts.head(400), truth.head(400))
    model.evaluation_ = {"accuracy": 0.5}
    model.save(tmp_path / "m.joblib")
    again = E.SentimentModel.load(tmp_path / "m.joblib")
    sample = texts.iloc[400:450]
    assert again.predict(sample).tolist() == model.predict(sample).tolist()
    assert again.evaluation_ == {"accuracy": 0.5}
