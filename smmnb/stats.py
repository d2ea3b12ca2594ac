"""Significance tests, intervals and planning for the rates and ratios marketers compare.

- :func:`ab_test`: two proportions (CTR, conversion rate). Default: the two-sided pooled
  two-proportion z-test (its p-value equals statsmodels' ``proportions_ztest``), with
  Newcombe's hybrid score interval for the difference; ``method="bayes"`` gives the
  beta-binomial probability that B beats A instead.
- :func:`ratio_change_test`: has a pooled rate (engagement rate, CTR) changed between two
  sets of posts, ads or days? Welch's t on the units' rates, so the units that vary are
  the units of the test (not the impressions).
- :func:`wilson_interval`: a rate's interval that behaves at 0 and 1 and for small counts.
- :func:`bootstrap_ratio_ci`: an interval for a pooled ratio over days (CPA, ROAS), by
  resampling days with a seeded generator.
- :func:`holm`: Holm's step-down adjustment when many pairs are compared;
  :func:`benjamini_hochberg`: false-discovery-rate q-values when many terms are screened.
- :func:`sample_size` and :func:`mde`: planning a two-proportion test.
- :func:`label_agreement`: how often predicted labels (sentiment, intents) match labels a
  person gave: accuracy and macro-F1, overall and per group.
- :func:`adjusted_shares` and :func:`adjusted_share_draws`: the true shares of classes behind
  a classifier's counts, given its measured error rates (adjusted classify-and-count), with
  bootstrap draws that resample both the items and the measurement of the error rates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize
from scipy import stats as st

__all__ = [
    "ABTestResult",
    "RatioChangeResult",
    "ab_test",
    "adjusted_share_draws",
    "adjusted_shares",
    "benjamini_hochberg",
    "bootstrap_ratio_ci",
    "holm",
    "label_agreement",
    "mde",
    "ratio_change_test",
    "sample_size",
    "wilson_interval",
]


def _check_counts(successes, trials, name: str) -> None:
    if trials <= 0:
        raise ValueError(f"{name}: trials must be > 0, got {trials}")
    if successes < 0 or successes > trials:
        raise ValueError(f"{name}: successes must be between 0 and trials, got {successes}")


def wilson_interval(successes, trials, *, alpha: float = 0.05) -> tuple:
    """Wilson score interval for a rate ``successes / trials``.

    Parameters
    ----------
    successes, trials : int or array-like
        Counts; ``trials`` of 0 gives NaN bounds.
    alpha : float
        1 - confidence level.

    Returns
    -------
    tuple
        ``(low, high)``, scalars or arrays like the input.
    """
    x = np.asarray(successes, dtype="float64")
    n = np.asarray(trials, dtype="float64")
    z = st.norm.ppf(1 - alpha / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, x / n, np.nan)
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        low, high = np.where(n > 0, centre - half, np.nan), np.where(n > 0, centre + half, np.nan)
    low, high = np.clip(low, 0, 1), np.clip(high, 0, 1)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


@dataclass(frozen=True)
class ABTestResult:
    """Outcome of :func:`ab_test`.

    Attributes
    ----------
    rate_a, rate_b : float
        The two observed rates.
    diff : float
        ``rate_b - rate_a``.
    rel_change : float
        ``diff / rate_a``, the relative change (0.3 = +30%; NaN when ``rate_a`` is 0).
    ci_low, ci_high : float
        Interval for ``diff`` at the test's level (Bayesian: credible interval).
    p_value : float
        Two-sided p-value (z-test); for the Bayesian method, NaN.
    significant : bool
        ``p_value < alpha``; Bayesian: the probability that one beats the other is above
        ``1 - alpha / 2``.
    method : str
        ``"z-test (pooled)"`` or ``"bayes (beta-binomial)"``.
    prob_b_beats_a : float
        Bayesian only (NaN otherwise): P(rate of B > rate of A | data), Beta(1, 1) priors.
    """

    rate_a: float
    rate_b: float
    diff: float
    rel_change: float
    ci_low: float
    ci_high: float
    p_value: float
    significant: bool
    method: str
    prob_b_beats_a: float = float("nan")


def _newcombe(x1, n1, x2, n2, alpha):
    l1, u1 = wilson_interval(x1, n1, alpha=alpha)
    l2, u2 = wilson_interval(x2, n2, alpha=alpha)
    p1, p2 = x1 / n1, x2 / n2
    d = p2 - p1
    low = d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return float(low), float(high)


def _prob_b_beats_a(x1, n1, x2, n2) -> tuple[float, float, float]:
    """P(pB > pA) under Beta(1+x, 1+n-x) posteriors, by integrating on a fine grid."""
    a = st.beta(1 + x1, 1 + n1 - x1)
    b = st.beta(1 + x2, 1 + n2 - x2)
    lo = min(a.ppf(1e-10), b.ppf(1e-10))
    hi = max(a.isf(1e-10), b.isf(1e-10))
    grid = np.linspace(lo, hi, 20_001)
    prob = float(np.trapezoid(b.pdf(grid) * a.cdf(grid), grid))
    # Credible interval of the difference: normal approximation of the two posteriors.
    mean = b.mean() - a.mean()
    sd = np.sqrt(a.var() + b.var())
    return min(max(prob, 0.0), 1.0), mean, sd


def ab_test(
    successes_a,
    trials_a,
    successes_b,
    trials_b,
    *,
    alpha: float = 0.05,
    method: str = "ztest",
) -> ABTestResult:
    """Compare two rates (B against A) and say whether the difference is real.

    Parameters
    ----------
    successes_a, trials_a : int
        Clicks and impressions (or conversions and clicks) of A.
    successes_b, trials_b : int
        The same for B.
    alpha : float
        Significance level (two-sided); the interval is at ``1 - alpha``.
    method : {"ztest", "bayes"}
        ``"ztest"``: two-sided pooled two-proportion z-test,
        ``z = (pB - pA) / sqrt(p(1 - p)(1/nA + 1/nB))`` with the pooled rate ``p``, and
        Newcombe's hybrid score interval for the difference. ``"bayes"``: Beta(1, 1) priors;
        reports the probability that B beats A.

    Returns
    -------
    ABTestResult

    Examples
    --------
    >>> r = ab_test(120, 10_000, 155, 10_000)
    >>> round(r.diff, 4), round(r.p_value, 3), r.significant
    (0.0035, 0.034, True)
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    x1, n1, x2, n2 = (float(v) for v in (successes_a, trials_a, successes_b, trials_b))
    _check_counts(x1, n1, "A")
    _check_counts(x2, n2, "B")
    p1, p2 = x1 / n1, x2 / n2
    diff = p2 - p1
    rel = diff / p1 if p1 > 0 else float("nan")
    if method == "ztest":
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        if se == 0:
            p_value = 1.0 if diff == 0 else 0.0
        else:
            p_value = float(2 * st.norm.sf(abs(diff / se)))
        low, high = _newcombe(x1, n1, x2, n2, alpha)
        return ABTestResult(
            p1, p2, diff, rel, low, high, p_value, bool(p_value < alpha), "z-test (pooled)"
        )
    if method == "bayes":
        prob, mean, sd = _prob_b_beats_a(x1, n1, x2, n2)
        z = st.norm.ppf(1 - alpha / 2)
        significant = prob > 1 - alpha / 2 or prob < alpha / 2
        return ABTestResult(
            p1,
            p2,
            diff,
            rel,
            float(mean - z * sd),
            float(mean + z * sd),
            float("nan"),
            bool(significant),
            "bayes (beta-binomial)",
            prob,
        )
    raise ValueError(f"method must be 'ztest' or 'bayes', got {method!r}")


@dataclass(frozen=True)
class RatioChangeResult:
    """Outcome of :func:`ratio_change_test`.

    Attributes
    ----------
    ratio_a, ratio_b : float
        The two pooled ratios, ``sum(numerator) / sum(denominator)`` over each side's units.
    diff : float
        ``ratio_b - ratio_a``.
    rel_change : float
        ``diff / ratio_a`` (NaN when ``ratio_a`` is 0).
    ci_low, ci_high : float
        Interval for ``diff`` at ``1 - alpha``: ``diff +/- t_{df, 1-alpha/2} x se``.
    statistic : float
        ``diff / se``, Welch's t.
    df : float
        Welch-Satterthwaite degrees of freedom (from each side's effective number of units).
    se : float
        Standard error of ``diff``.
    units_a, units_b : int
        Units (posts, ads, days) on each side.
    p_value : float
        Two-sided, from Student's t with ``df`` degrees of freedom.
    significant : bool
        ``p_value < alpha``.
    method : str
    """

    ratio_a: float
    ratio_b: float
    diff: float
    rel_change: float
    ci_low: float
    ci_high: float
    statistic: float
    df: float
    se: float
    units_a: int
    units_b: int
    p_value: float
    significant: bool
    method: str = "welch t (reach-weighted unit rates, HC2 variance)"


def _ratio_variance(num: np.ndarray, den: np.ndarray) -> tuple[float, float, float]:
    """Pooled ratio, its HC2 variance and the Kish effective number of units."""
    total = den.sum()
    estimate = num.sum() / total
    leverage = den / total
    resid = num - estimate * den
    with np.errstate(divide="ignore", invalid="ignore"):  # one unit: leverage 1, not used
        variance = float(np.sum(resid**2 / (1 - leverage)) / total**2)
    effective = float(total**2 / np.sum(den**2))
    return float(estimate), variance, effective


def _unit_counts(values, name: str) -> np.ndarray:
    out = np.asarray(values, dtype="float64")
    if out.ndim != 1:
        raise ValueError(f"{name} must be 1-D")
    return out


def ratio_change_test(
    numerator_a,
    denominator_a,
    numerator_b,
    denominator_b,
    *,
    alpha: float = 0.05,
) -> RatioChangeResult:
    """Did a pooled rate change between two sets of units (posts, ads, days)? B against A.

    Each side's rate is pooled, ``sum(numerator) / sum(denominator)`` (engagements over
    reach, clicks over impressions), as :func:`smmnb.metrics.kpis` reports it. The test asks
    whether B's units come from a different rate than A's, judging the difference against
    how much the rate varies **between units**, not between impressions: a week of posts is
    a sample of the posts the account might have published, and posts differ far more than
    binomial noise on their reach would say. Treating each impression as an independent
    trial (:func:`ab_test`) would call almost every weekly change significant.

    Method: Welch's t-test on the per-unit rates ``numerator / denominator`` weighted by the
    denominator (so each side's weighted mean is its pooled rate). Each side's variance is
    the bias-reduced sandwich (HC2) variance of a weighted mean,
    ``sum((x_i - r n_i)^2 / (1 - h_i)) / (sum n)^2`` with ``h_i = n_i / sum n``; the degrees
    of freedom are Welch-Satterthwaite's with each side's Kish effective number of units
    ``(sum n)^2 / sum n^2`` in place of its count (one post with most of the reach counts
    as about one). With equal denominators this is exactly Welch's unequal-variance t-test
    of the unit rates. Units whose denominator is 0 count only through their numerator.

    The interval is for the change in the rate the units were drawn from: had the same kind
    of posts (or days) been repeated many times, 95% of such intervals would hold the true
    change. It is not an interval for the impressions of these particular posts.

    Parameters
    ----------
    numerator_a, denominator_a : array-like
        One value per unit of A (e.g. each post's engagements and reach), aligned; units
        with a missing value on either side are left out.
    numerator_b, denominator_b : array-like
        The same for B.
    alpha : float
        Significance level (two-sided); the interval is at ``1 - alpha``.

    Returns
    -------
    RatioChangeResult
        With fewer than two units (of positive denominator) on a side the spread cannot be
        measured: ``se``, ``statistic``, ``df``, ``p_value`` and the interval are NaN and
        ``significant`` is False.

    Examples
    --------
    Four posts a week (engagements, reach): +22% in engagement rate, but the posts of each
    week differ as much as that, so the change is not significant (counting impressions as
    trials, :func:`ab_test` gives p = 9e-13).

    >>> r = ratio_change_test([500, 300, 900, 400], [10_000, 8_000, 12_000, 9_000],
    ...                       [700, 350, 1200, 450], [11_000, 9_000, 13_000, 8_000])
    >>> round(r.ratio_a, 4), round(r.ratio_b, 4), round(r.rel_change, 3)
    (0.0538, 0.0659, 0.223)
    >>> round(r.p_value, 2), r.significant, round(r.ci_low, 3), round(r.ci_high, 3)
    (0.47, False, -0.027, 0.051)
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    sides = []
    for name, num, den in (("A", numerator_a, denominator_a), ("B", numerator_b, denominator_b)):
        x, n = _unit_counts(num, f"numerator_{name}"), _unit_counts(den, f"denominator_{name}")
        if x.shape != n.shape:
            raise ValueError(f"numerator and denominator of {name} must have the same length")
        keep = ~(np.isnan(x) | np.isnan(n))
        x, n = x[keep], n[keep]
        if (n < 0).any():
            raise ValueError(f"denominators of {name} must be >= 0")
        if n.sum() <= 0:
            raise ValueError(f"{name} has no units with a positive denominator")
        sides.append((x, n))
    (xa, na), (xb, nb) = sides
    ra, va, ka = _ratio_variance(xa, na)
    rb, vb, kb = _ratio_variance(xb, nb)
    diff = rb - ra
    rel = diff / ra if ra != 0 else float("nan")
    nan = float("nan")
    common = {"ratio_a": ra, "ratio_b": rb, "diff": diff, "rel_change": rel,
              "units_a": len(xa), "units_b": len(xb)}  # fmt: skip
    if (na > 0).sum() < 2 or (nb > 0).sum() < 2:
        return RatioChangeResult(**common, ci_low=nan, ci_high=nan, statistic=nan, df=nan,
                                 se=nan, p_value=nan, significant=False)  # fmt: skip
    se = float(np.sqrt(va + vb))
    if se == 0:  # every unit on both sides has exactly its side's rate
        p_value = 1.0 if diff == 0 else 0.0
        return RatioChangeResult(**common, ci_low=diff, ci_high=diff, statistic=nan, df=nan,
                                 se=se, p_value=p_value, significant=p_value < alpha)  # fmt: skip
    df = float((va + vb) ** 2 / (va**2 / (ka - 1) + vb**2 / (kb - 1)))
    statistic = diff / se
    p_value = float(2 * st.t.sf(abs(statistic), df))
    half = float(st.t.ppf(1 - alpha / 2, df) * se)
    return RatioChangeResult(**common, ci_low=diff - half, ci_high=diff + half,
                             statistic=statistic, df=df, se=se, p_value=p_value,
                             significant=bool(p_value < alpha))  # fmt: skip


def _adjusted(p_values, adjust) -> np.ndarray:
    """``adjust`` applied to the sorted p-values, put back in the input order.

    NaN stays NaN and does not count towards the family.
    """
    p = np.asarray(p_values, dtype="float64")
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        order = np.argsort(p[ok], kind="stable")
        values = np.empty(int(ok.sum()))
        values[order] = adjust(p[ok][order])
        out[ok] = values
    return out


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjusted p-values (family-wise error control).

    Parameters
    ----------
    p_values : array-like
        Unadjusted p-values; NaN stays NaN and does not count towards the family.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1 and monotone in the sorted order.
    """

    def step_down(p: np.ndarray) -> np.ndarray:
        m = len(p)
        return np.minimum(np.maximum.accumulate(p * (m - np.arange(m))), 1.0)

    return _adjusted(p_values, step_down)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini-Hochberg q-values (false discovery rate) of independent p-values.

    ``q_(i) = min_{j >= i} p_(j) m / j`` over the p-values sorted ascending, capped at 1; NaN
    stays NaN and does not count towards ``m``.

    Parameters
    ----------
    p_values : array-like

    Returns
    -------
    numpy.ndarray
        q-values in the input order.
    """

    def step_up(p: np.ndarray) -> np.ndarray:
        ranked = p * len(p) / np.arange(1, len(p) + 1)
        return np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)

    return _adjusted(p_values, step_up)


def bootstrap_ratio_ci(
    numerator,
    denominator,
    *,
    n_boot: int = 2000,
    alpha: float = 0.05,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Pooled ratio ``sum(numerator) / sum(denominator)`` with a percentile bootstrap interval.

    Days (rows) are resampled with replacement, so the interval reflects day-to-day
    variation, e.g. of CPA (spend / conversions) or ROAS (revenue / spend) over a campaign.

    Parameters
    ----------
    numerator, denominator : array-like
        One value per day (or unit), aligned.
    n_boot : int
        Bootstrap resamples.
    alpha : float
        1 - confidence level.
    seed : int
        Seed of the resampling generator: the same inputs always give the same interval.

    Returns
    -------
    tuple of float
        ``(estimate, low, high)``; NaN where the denominator sums to 0.
    """
    if n_boot < 100:
        raise ValueError(f"n_boot must be >= 100, got {n_boot}")
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    if num.shape != den.shape or num.ndim != 1 or len(num) == 0:
        raise ValueError("numerator and denominator must be 1-D, non-empty and the same length")
    keep = ~(np.isnan(num) | np.isnan(den))
    num, den = num[keep], den[keep]
    estimate = num.sum() / den.sum() if den.sum() != 0 else np.nan
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(num), size=(n_boot, len(num)))
    dsum = den[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = np.where(dsum != 0, num[idx].sum(axis=1) / dsum, np.nan)
    ratios = ratios[~np.isnan(ratios)]
    if len(ratios) == 0:
        return float(estimate), float("nan"), float("nan")
    low, high = np.quantile(ratios, [alpha / 2, 1 - alpha / 2])
    return float(estimate), float(low), float(high)


def _n_per_group(p1: float, p2: float, alpha: float, power: float) -> float:
    za, zb = st.norm.ppf(1 - alpha / 2), st.norm.ppf(power)
    pbar = (p1 + p2) / 2
    top = za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return float(top**2 / (p2 - p1) ** 2)


def sample_size(
    base_rate: float,
    mde: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    relative: bool = True,
) -> int:
    """Trials per group a two-sided two-proportion test needs to detect a difference.

    Parameters
    ----------
    base_rate : float
        The control's rate (for example a CTR of 0.012).
    mde : float
        The smallest difference worth detecting: relative to ``base_rate`` (0.2 = +20%) when
        ``relative``, else absolute (0.002 = +0.2 points).
    alpha, power : float
        Significance level and power.
    relative : bool
        How to read ``mde``.

    Returns
    -------
    int
        Trials (impressions, clicks...) per group, rounded up:
        ``n = (z_{1-a/2} sqrt(2 p(1-p)) + z_{power} sqrt(p1(1-p1) + p2(1-p2)))^2 / (p2-p1)^2``
        with ``p`` the mean of the two rates.
    """
    if not 0 < base_rate < 1:
        raise ValueError(f"base_rate must be between 0 and 1, got {base_rate}")
    if mde <= 0:
        raise ValueError(f"mde must be > 0, got {mde}")
    p2 = base_rate * (1 + mde) if relative else base_rate + mde
    if not 0 < p2 < 1:
        raise ValueError(f"base_rate + mde must stay below 1, got {p2}")
    return int(np.ceil(_n_per_group(base_rate, p2, alpha, power)))


def mde(
    base_rate: float,
    n_per_group: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    relative: bool = True,
) -> float:
    """The smallest difference a test with ``n_per_group`` trials per group detects.

    The inverse of :func:`sample_size`: relative to ``base_rate`` when ``relative``, else
    absolute.
    """
    if not 0 < base_rate < 1:
        raise ValueError(f"base_rate must be between 0 and 1, got {base_rate}")
    if n_per_group <= 1:
        raise ValueError(f"n_per_group must be > 1, got {n_per_group}")
    hi = 1 - base_rate - 1e-12

    def gap(delta: float) -> float:
        return _n_per_group(base_rate, base_rate + delta, alpha, power) - n_per_group

    if gap(hi) > 0:
        return float("nan")  # not even the largest possible difference is detectable
    delta = optimize.brentq(gap, 1e-12, hi, xtol=1e-14)
    return float(delta / base_rate) if relative else float(delta)


def label_agreement(true, predicted, *, by=None):
    """Accuracy and macro-F1 of predicted labels against labels a person gave.

    Parameters
    ----------
    true, predicted : sequence of str
        The labels, aligned.
    by : sequence, optional
        A group per item (a language, a platform): one row per group, plus ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (``"all"`` alone without ``by``): ``texts``, ``accuracy`` (share of
        items whose predicted label is the true one) and ``macro_f1`` (F1 of each label,
        2 * precision * recall / (precision + recall), averaged with equal weight over the
        labels that occur as true or predicted in the group; a label never predicted
        correctly counts 0).
    """
    import pandas as pd

    frame = pd.DataFrame({"true": np.asarray(true, dtype=object),
                          "predicted": np.asarray(predicted, dtype=object)})  # fmt: skip
    if len(frame) and frame.isna().any().any():
        raise ValueError("labels must not be missing")
    groups = {} if by is None else dict(iter(frame.groupby(np.asarray(by), sort=True)))
    rows = {}
    for name, part in [*groups.items(), ("all", frame)]:
        hit = part["true"] == part["predicted"]
        f1 = []
        for label in sorted(set(part["true"]) | set(part["predicted"])):
            tp = int((hit & (part["true"] == label)).sum())
            pred, actual = (
                int((part["predicted"] == label).sum()),
                int((part["true"] == label).sum()),
            )
            f1.append(0.0 if tp == 0 else 2 * tp / (pred + actual))
        rows[name] = {"texts": len(part), "accuracy": float(hit.mean()) if len(part) else np.nan,
                      "macro_f1": float(np.mean(f1)) if f1 else np.nan}  # fmt: skip
    out = pd.DataFrame.from_dict(rows, orient="index")
    out["texts"] = out["texts"].astype(int)
    return out


# --------------------------------------------------------------------------------------------
# adjusted classify-and-count


def adjusted_shares(observed, rates) -> np.ndarray:
    """The true class shares behind observed predicted shares, given a classifier's error rates.

    Adjusted classify-and-count: with ``rates[i, j]`` = P(predicted j | true i), the expected
    predicted shares are ``rates.T @ true``; this solves ``rates.T @ p = observed`` for ``p``
    on the simplex (p >= 0, sum 1): the exact solution when it lies there, else the nearest
    one in least squares (non-negative least squares with the sum as a heavily weighted
    extra equation).

    Parameters
    ----------
    observed : array-like, shape (k,)
        Shares (or counts) of the predicted classes.
    rates : array-like, shape (m, k)
        Rows: true classes (m <= k), columns: predicted classes, in ``observed``'s order; each
        row sums to 1.

    Returns
    -------
    numpy.ndarray, shape (m,)
        The adjusted shares of the true classes (sum 1).
    """
    q = np.asarray(observed, dtype="float64")
    m = np.asarray(rates, dtype="float64")
    if m.ndim != 2 or q.ndim != 1 or m.shape[1] != len(q) or m.shape[0] > m.shape[1]:
        raise ValueError(f"rates must be (m, k) with m <= k = {len(q)}, got {m.shape}")
    if q.sum() <= 0 or (q < 0).any():
        raise ValueError("observed shares must be non-negative and not all 0")
    q = q / q.sum()
    weight = 1e3
    a = np.vstack([m.T, np.full(m.shape[0], weight)])
    b = np.append(q, weight)
    p, _ = optimize.nnls(a, b)
    return p / p.sum()


def adjusted_share_draws(
    counts, confusions, *, n_boot: int = 2000, rng=None
) -> tuple[np.ndarray, np.ndarray]:
    """Adjusted shares and their bootstrap draws, resampling the items and the error rates.

    Each draw resamples the items (multinomial counts with the observed shares and the same
    total), picks one of the confusion measurements at random (equal chance: they may come
    from different kinds of text, so the spread between them belongs in the interval) and
    resamples each of its rows (multinomial with the row's counts and rates), then applies
    :func:`adjusted_shares`.

    Parameters
    ----------
    counts : array-like, shape (k,)
        Items per predicted class.
    confusions : sequence of array-like, each shape (m, k)
        Confusion counts (rows true, columns predicted) of one or more measurements; every
        row must hold at least one item.
    n_boot : int
        Bootstrap draws.
    rng : numpy.random.Generator or int, optional
        The generator (or its seed): the same inputs and seed give the same draws.

    Returns
    -------
    tuple of numpy.ndarray
        ``(adjusted, draws)``: the adjusted shares with the mean of the measurements' rates,
        shape (m,), and ``draws``, shape (n_boot, m).
    """
    if n_boot < 100:
        raise ValueError(f"n_boot must be >= 100, got {n_boot}")
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    counts = np.asarray(counts, dtype="int64")
    mats = [np.asarray(c, dtype="int64") for c in confusions]
    if not mats or any(c.shape != mats[0].shape for c in mats):
        raise ValueError("confusions must be one or more matrices of the same shape")
    if any((c.sum(axis=1) == 0).any() for c in mats):
        raise ValueError("every true class of every confusion needs at least one item")
    n = int(counts.sum())
    if n <= 0:
        raise ValueError("counts must hold at least one item")
    rates = [c / c.sum(axis=1, keepdims=True) for c in mats]
    adjusted = adjusted_shares(counts / n, sum(rates) / len(rates))
    items = rng.multinomial(n, counts / n, size=n_boot)
    pick = rng.integers(0, len(mats), size=n_boot)
    sizes = np.stack([c.sum(axis=1) for c in mats])[pick]  # (n_boot, m)
    resampled = rng.multinomial(sizes, np.stack(rates)[pick]).astype("float64")  # (n_boot, m, k)
    resampled /= resampled.sum(axis=2, keepdims=True)
    draws = np.array([adjusted_shares(items[b], resampled[b]) for b in range(n_boot)])
    return adjusted, draws
