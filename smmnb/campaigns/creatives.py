"""Creative tests: which ad wins on CTR or conversion, with significance."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.i18n import N_

__all__ = ["CREATIVE_VERDICTS", "REST", "creative_tests", "creative_rates"]


_TEST_METRICS = {"ctr": ("clicks", "impressions"), "cvr": ("conversions", "clicks")}


def _ad_sums(ads: pd.DataFrame, metric: str, within: str) -> tuple[str, str, pd.DataFrame]:
    """Numerator, denominator and their sums per group and ad, for a tested rate."""
    if metric not in _TEST_METRICS:
        raise ValueError(f"metric must be one of {', '.join(_TEST_METRICS)}, got {metric!r}")
    if within not in ads.columns:
        raise ValueError(f"within must be a column of ads, got {within!r}")
    num, den = _TEST_METRICS[metric]
    sums = (
        ads.astype({num: "float64", den: "float64"})
        .groupby([within, "ad"], observed=True)[[num, den]]
        .sum()
        .reset_index()
    )
    return num, den, sums


def _two_proportions(x1, n1, x2, n2, alpha: float):
    """Vectorized :func:`smmnb.stats.ab_test` (z-test, pooled) of rate 1 against rate 2.

    Returns the difference (1 - 2), its Newcombe interval and the two-sided p-value; the
    caller keeps only the comparisons it has judged testable.
    """
    from scipy import stats as st

    from smmnb.stats import wilson_interval

    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = x1 / n1, x2 / n2
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        diff = p1 - p2
        p_value = 2 * st.norm.sf(np.abs(diff / se))
        l1, u1 = wilson_interval(x1, n1, alpha=alpha)
        l2, u2 = wilson_interval(x2, n2, alpha=alpha)
        low = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        high = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return diff, low, high, p_value


def _testable(x1, n1, x2, n2, min_expected: float) -> np.ndarray:
    """Which comparisons a z-test may judge.

    Both sides have trials, successes never exceed trials, and under the pooled rate each
    side expects at least ``min_expected`` successes and as many failures.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        least = np.minimum(pooled, 1 - pooled)
        ok = (n1 > 0) & (n2 > 0) & (x1 <= n1) & (x2 <= n2)
        ok &= (n1 * least >= min_expected) & (n2 * least >= min_expected)
    return np.asarray(ok, dtype=bool)


CREATIVE_VERDICTS = ("better", "worse", "no clear difference", "too few to test")
"""What :func:`creative_tests` says of each ad."""


REST = N_("the other ads")
"""``versus`` of a leave-one-out comparison: the pooled other ads of the same group (a code:
:mod:`smmnb.narrative.campaigns` translates it for display)."""


def creative_tests(
    ads: pd.DataFrame,
    metric: str = "ctr",
    within: str = "campaign",
    *,
    alpha: float = 0.05,
    best_pair: bool = False,
    min_expected: float = 5.0,
) -> pd.DataFrame:
    """Each ad against the pooled other ads of its campaign (leave-one-out), Holm-adjusted.

    Comparing every pair grows with the square of the ads (625 ads make 194,750 pairs); a
    manager's question is which ads do better or worse than the rest. Each ad's rate is
    compared with the pooled rate of the other ads of its group by a two-sided pooled
    two-proportion z-test (what :func:`smmnb.stats.ab_test` does), in one vectorized pass.

    Parameters
    ----------
    ads : pandas.DataFrame
        ``ads`` rows (summed per ad over the rows given).
    metric : {"ctr", "cvr"}
        The rate compared: clicks / impressions or conversions / clicks.
    within : str
        Column that defines a test group (a campaign, or an ad set). Groups with one ad
        have nothing to compare with and give no rows.
    alpha : float
        Family-wise level: p-values are Holm-adjusted over every comparison made (all
        groups together: they are read together).
    best_pair : bool
        Also compare, in each group, the two ads with the most trials head to head (the
        pair a manager usually asks about; off by default). Those rows have
        ``comparison == "pair"`` and join the Holm family.
    min_expected : float
        The testing rule: an ad is tested only when it and the rest each have trials,
        successes never exceed trials (view-through conversions can outnumber clicks), and
        under the pooled rate each side expects at least ``min_expected`` successes and
        as many failures (the usual condition of the normal approximation). Other ads are
        listed with the verdict "too few to test" and no p-value; never call them winners.

    Returns
    -------
    pandas.DataFrame
        One row per ad (and per best pair when asked): ``group``, ``ad``, ``comparison``
        (``rest`` or ``pair``), ``versus`` (:data:`REST`, or the pair's other ad),
        ``successes``, ``trials``, ``rate`` (the ad), ``other_successes``,
        ``other_trials``, ``other_rate`` (what it is compared with), ``diff`` (rate -
        other_rate), ``rel_change`` (diff / other_rate), ``ci_low``, ``ci_high`` (Newcombe's
        95% interval of diff), ``p_value``, ``p_holm``, ``tested``, ``significant``
        (``p_holm < alpha``), ``verdict`` (one of :data:`CREATIVE_VERDICTS`). For code
        written for the former pairwise output, ``ad_b``/``successes_b``/``trials_b``/
        ``rate_b`` repeat the ad and ``ad_a``/``successes_a``/``trials_a``/``rate_a`` what
        it is compared with. Sorted by group, comparison, tested first, p-value, ad.
    """
    from smmnb.stats import holm

    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if min_expected < 0:
        raise ValueError(f"min_expected must be >= 0, got {min_expected}")
    num, den, sums = _ad_sums(ads, metric, within)
    sums = sums.fillna({num: 0.0, den: 0.0})
    sums = sums[sums.groupby(within, observed=True)["ad"].transform("size") >= 2]
    groups = sums[within].astype("str").to_numpy(dtype=object)
    names = sums["ad"].astype("str").to_numpy(dtype=object)
    x, n = sums[num].to_numpy(dtype="float64"), sums[den].to_numpy(dtype="float64")
    totals = sums.groupby(within, observed=True)[[num, den]].transform("sum")
    parts = {
        "group": groups, "ad": names, "comparison": np.full(len(x), "rest", dtype=object),
        "versus": np.full(len(x), REST, dtype=object), "successes": x, "trials": n,
        "other_successes": totals[num].to_numpy("float64") - x,
        "other_trials": totals[den].to_numpy("float64") - n,
    }  # fmt: skip
    out = pd.DataFrame(parts)
    size = out.groupby("group")["ad"].transform("size").to_numpy()
    if best_pair and (size > 2).any():  # with two ads, the pair is the leave-one-out test
        top = out[size > 2].sort_values(
            ["group", "trials", "ad"], ascending=[True, False, True], kind="stable"
        )
        first = top.groupby("group", sort=False).nth(0)
        second = top.groupby("group", sort=False).nth(1).set_index("group")
        second = second.reindex(first["group"].to_numpy())
        pair = pd.DataFrame(
            {
                "group": first["group"].to_numpy(), "ad": first["ad"].to_numpy(),
                "comparison": "pair", "versus": second["ad"].to_numpy(),
                "successes": first["successes"].to_numpy(), "trials": first["trials"].to_numpy(),
                "other_successes": second["successes"].to_numpy(),
                "other_trials": second["trials"].to_numpy(),
            }
        )  # fmt: skip
        out = pd.concat([out, pair], ignore_index=True)
    x1, n1 = out["successes"].to_numpy("float64"), out["trials"].to_numpy("float64")
    x2, n2 = out["other_successes"].to_numpy("float64"), out["other_trials"].to_numpy("float64")
    diff, low, high, p = _two_proportions(x1, n1, x2, n2, alpha)
    tested = _testable(x1, n1, x2, n2, min_expected)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["rate"] = np.where(n1 > 0, x1 / n1, np.nan)
        out["other_rate"] = np.where(n2 > 0, x2 / n2, np.nan)
        out["diff"] = out["rate"] - out["other_rate"]
        out["rel_change"] = np.where(out["other_rate"] > 0, out["diff"] / out["other_rate"], np.nan)
    out["ci_low"] = np.where(tested, low, np.nan)
    out["ci_high"] = np.where(tested, high, np.nan)
    out["p_value"] = np.where(tested, p, np.nan)
    # One family: every comparison made at once, so a report of many ads does not find a
    # "winner" by chance. In a group of two ads both rows are one and the same test: it
    # counts once.
    family = np.arange(len(out))
    two = np.flatnonzero(size == 2)  # rest rows come first, in the order of ``size``
    if len(two):
        first = pd.Series(two).groupby(out["group"].to_numpy()[two]).transform("min")
        family[two] = first.to_numpy()
    unique = np.unique(family)
    adjusted = pd.Series(holm(out["p_value"].to_numpy()[unique]), index=unique)
    out["p_holm"] = adjusted.reindex(family).to_numpy()
    out["tested"] = tested
    out["significant"] = tested & (out["p_holm"].to_numpy() < alpha)
    verdict = np.where(out["diff"] > 0, "better", "worse").astype(object)
    verdict[~out["significant"].to_numpy()] = "no clear difference"
    verdict[~tested] = "too few to test"
    out["verdict"] = verdict
    out["ad_a"], out["ad_b"] = out["versus"], out["ad"]
    out["successes_a"], out["trials_a"] = out["other_successes"], out["other_trials"]
    out["successes_b"], out["trials_b"] = out["successes"], out["trials"]
    out["rate_a"], out["rate_b"] = out["other_rate"], out["rate"]
    out = out.assign(_untested=~out["tested"], _pair=out["comparison"] == "pair")
    out = out.sort_values(["group", "_pair", "_untested", "p_value", "ad"], kind="stable")
    return out.drop(columns=["_untested", "_pair"]).reset_index(drop=True)


def creative_rates(
    ads: pd.DataFrame, metric: str = "ctr", within: str = "campaign", *, top: int | None = None
) -> pd.DataFrame:
    """Each ad's pooled rate with its 95% Wilson interval (the data of a creative chart).

    Parameters
    ----------
    ads : pandas.DataFrame
    metric : {"ctr", "cvr"}
    within : str
        Column that defines a group.
    top : int, optional
        Keep at most this many ads per group, those with the most trials (a chart of 600
        ads reads as nothing).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``ad``, ``successes``, ``trials``, ``rate``, ``ci_low``, ``ci_high``; only
        groups with two or more ads (where a comparison exists).
    """
    from smmnb.stats import wilson_interval

    if top is not None and top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    num, den, sums = _ad_sums(ads, metric, within)
    sums = sums[sums[den] > 0]
    sums = sums[sums.groupby(within, observed=True)["ad"].transform("size") >= 2]
    if top is not None:
        rank = sums.groupby(within, observed=True)[den].rank(method="first", ascending=False)
        sums = sums[rank <= top]
    low, high = wilson_interval(sums[num].to_numpy(), sums[den].to_numpy())
    out = pd.DataFrame(
        {
            "group": sums[within].astype("str").to_numpy(),
            "ad": sums["ad"].astype("str").to_numpy(),
            "successes": sums[num].to_numpy(),
            "trials": sums[den].to_numpy(),
            "rate": (sums[num] / sums[den]).to_numpy(),
            "ci_low": low,
            "ci_high": high,
        }
    )
    return out.sort_values(["group", "ad"], kind="stable").reset_index(drop=True)
