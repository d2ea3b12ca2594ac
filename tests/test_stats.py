"""stats: every test statistic and interval against an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from smmnb import stats


@pytest.mark.parametrize(
    ("xa", "na", "xb", "nb"),
    [
        (120, 10_000, 155, 10_000),
        (30, 1_000, 31, 1_100),
        (0, 50, 4, 60),
        (5_000, 400_000, 5_100, 390_000),
    ],
)
def test_ab_test_p_value_equals_statsmodels(xa, na, xb, nb):
    r = stats.ab_test(xa, na, xb, nb)
    _z, p = proportions_ztest([xb, xa], [nb, na])
    assert r.p_value == pytest.approx(p, rel=1e-10)
    assert r.rate_a == xa / na and r.rate_b == xb / nb
    assert r.diff == pytest.approx(xb / nb - xa / na)
    low, high = confint_proportions_2indep(xb, nb, xa, na, method="newcomb")
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high), rel=1e-9)
    assert r.significant == (p < 0.05)


def test_ab_test_by_hand():
    # pA = 0.012, pB = 0.0155, pooled 0.01375; se = sqrt(p(1-p)(2/10000))
    r = stats.ab_test(120, 10_000, 155, 10_000)
    se = math.sqrt(0.01375 * (1 - 0.01375) * 2 / 10_000)
    z = 0.0035 / se
    assert r.p_value == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-12)
    assert r.rel_change == pytest.approx(0.0035 / 0.012)


def test_ab_test_rejects_impossible_counts():
    with pytest.raises(ValueError, match="successes must be between 0 and trials"):
        stats.ab_test(11, 10, 1, 10)
    with pytest.raises(ValueError, match="trials must be > 0"):
        stats.ab_test(0, 0, 1, 10)
    with pytest.raises(ValueError, match="method"):
        stats.ab_test(1, 10, 1, 10, method="t")


def test_bayes_probability_matches_monte_carlo(rng):
    r = stats.ab_test(120, 10_000, 155, 10_000, method="bayes")
    a = rng.beta(121, 10_000 - 120 + 1, 400_000)
    b = rng.beta(156, 10_000 - 155 + 1, 400_000)
    assert r.prob_b_beats_a == pytest.approx((b > a).mean(), abs=0.003)
    assert r.significant and math.isnan(r.p_value)
    same = stats.ab_test(100, 10_000, 100, 10_000, method="bayes")
    assert same.prob_b_beats_a == pytest.approx(0.5, abs=1e-3) and not same.significant


def test_wilson_equals_statsmodels():
    for x, n in [(0, 20), (3, 20), (20, 20), (155, 10_000)]:
        low, high = stats.wilson_interval(x, n)
        assert (low, high) == pytest.approx(proportion_confint(x, n, method="wilson"), abs=1e-12)
    lows, highs = stats.wilson_interval(np.array([1, 2]), np.array([10, 0]))
    assert np.isnan(lows[1]) and lows[0] == pytest.approx(
        proportion_confint(1, 10, method="wilson")[0]
    )


def test_wilson_is_95_percent_by_default_and_follows_alpha():
    # By hand: centre (x + z^2/2) / (n + z^2), half-width z sqrt(x(n-x)/n + z^2/4) / (n + z^2)
    x, n, z = 7, 40, 1.959963984540054  # z: the 97.5% normal quantile
    centre = (x + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(x * (n - x) / n + z**2 / 4) / (n + z**2)
    assert stats.wilson_interval(x, n) == pytest.approx((centre - half, centre + half), abs=1e-12)
    for alpha in (0.5, 0.1, 0.01):
        want = proportion_confint(x, n, alpha=alpha, method="wilson")
        assert stats.wilson_interval(x, n, alpha=alpha) == pytest.approx(want, abs=1e-12)
    width_95 = np.diff(stats.wilson_interval(x, n))[0]
    width_50 = np.diff(stats.wilson_interval(x, n, alpha=0.5))[0]
    assert width_95 > 2.5 * width_50  # z 1.96 against 0.674


def test_holm_equals_statsmodels():
    p = [0.01, 0.04, 0.03, 0.2, np.nan, 0.001]
    ours = stats.holm(p)
    ok = ~np.isnan(p)
    theirs = multipletests(np.array(p)[ok], method="holm")[1]
    np.testing.assert_allclose(ours[ok], theirs)
    assert np.isnan(ours[4])


def test_bootstrap_ratio_is_seeded_and_covers_the_estimate(rng):
    spend = rng.uniform(1e6, 2e6, 60)
    conversions = rng.poisson(30, 60)
    a = stats.bootstrap_ratio_ci(spend, conversions, seed=3)
    b = stats.bootstrap_ratio_ci(spend, conversions, seed=3)
    assert a == b
    estimate, low, high = a
    assert estimate == pytest.approx(spend.sum() / conversions.sum())
    assert low < estimate < high
    # the interval shrinks like 1/sqrt(days): 4x the days, about half the width
    wide = high - low
    _, low4, high4 = stats.bootstrap_ratio_ci(np.tile(spend, 4), np.tile(conversions, 4), seed=3)
    assert 0.4 < (high4 - low4) / wide < 0.6


def test_sample_size_and_mde_are_inverse_and_match_simulated_power():
    n = stats.sample_size(0.012, 0.2)
    # hand formula
    p1, p2 = 0.012, 0.0144
    pbar = (p1 + p2) / 2
    za, zb = 1.959963984540054, 0.8416212335729143
    expected = (
        za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    ) ** 2 / (p2 - p1) ** 2
    assert n == math.ceil(expected)
    assert stats.mde(0.012, n) == pytest.approx(0.2, rel=1e-3)
    assert stats.mde(0.012, n, relative=False) == pytest.approx(0.0024, rel=1e-3)
    # simulated power at that size is about 80%
    sim = np.random.default_rng(5)
    xa = sim.binomial(n, p1, 4000)
    xb = sim.binomial(n, p2, 4000)
    pooled = (xa + xb) / (2 * n)
    z = (xb - xa) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    power = (np.abs(z) > za).mean()
    assert 0.77 < power < 0.83


def test_planning_rejects_bad_inputs():
    with pytest.raises(ValueError, match="base_rate"):
        stats.sample_size(1.2, 0.1)
    with pytest.raises(ValueError, match="mde must be > 0"):
        stats.sample_size(0.1, 0)


def test_label_agreement_matches_sklearn():
    from sklearn.metrics import accuracy_score, f1_score

    from smmnb.stats import label_agreement

    rng = np.random.default_rng(5)
    labels = np.array(["negative", "neutral", "positive"])
    true = rng.choice(labels, 300)
    predicted = np.where(rng.random(300) < 0.6, true, rng.choice(labels[:2], 300))
    group = rng.choice(["en", "vi"], 300)
    out = label_agreement(true, predicted, by=group)
    assert list(out.index) == ["en", "vi", "all"]
    for name, mask in [("en", group == "en"), ("vi", group == "vi"), ("all", slice(None))]:
        assert out.loc[name, "texts"] == len(true[mask])
        assert out.loc[name, "accuracy"] == pytest.approx(
            accuracy_score(true[mask], predicted[mask])
        )
        assert out.loc[name, "macro_f1"] == pytest.approx(
            f1_score(true[mask], predicted[mask], average="macro")
        )
    # a label that is predicted but never true still counts (F1 0), as in sklearn
    one = label_agreement(["a", "a"], ["a", "b"])
    assert one.loc["all", "macro_f1"] == pytest.approx(
        f1_score(["a", "a"], ["a", "b"], average="macro")
    )
    with pytest.raises(ValueError, match="missing"):
        label_agreement(["a", None], ["a", "a"])
