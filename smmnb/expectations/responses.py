"""How fast and how often the brand answers its customers."""

from __future__ import annotations

import pandas as pd

from smmnb.expectations.comments import _by_brand, customer_comments

__all__ = ["response_times", "overall_response", "response_summary"]


def _timedelta(sla: str | pd.Timedelta) -> pd.Timedelta:
    try:
        value = pd.Timedelta(sla)
    except ValueError:
        raise ValueError(f"sla must be a duration such as '1h' or '30min', got {sla!r}") from None
    if value <= pd.Timedelta(0):
        raise ValueError(f"sla must be positive, got {sla!r}")
    return value


def response_times(
    comments: pd.DataFrame,
    sla: str | pd.Timedelta = "1h",
    *,
    replies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For every customer comment, the brand's first reply and how long it took.

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` table with brand replies (``author_is_brand`` true, ``parent_id`` the
        comment answered). Extra columns of the customer comments (such as ``intent`` from
        :func:`analyze`) are carried along.
    sla : str or Timedelta
        The promised response time.
    replies : pandas.DataFrame, optional
        Where to look for the brand's replies instead of ``comments`` (its brand rows are
        used; customer rows are ignored). A report on a period passes the comments of every
        date here, so that a comment of the last evening answered the next morning counts
        as answered.

    Returns
    -------
    pandas.DataFrame
        One row per customer comment (not a brand reply): its columns plus ``replied_at``
        (the first brand reply at or after the comment), ``delay`` (Timedelta),
        ``delay_hours``, ``answered`` and ``within_sla`` (answered no later than ``sla``
        after the comment). Times are UTC instants, so the delay does not depend on the
        time zone anything is displayed in.
    """
    limit = _timedelta(sla)
    for column in ("comment_id", "created_at", "parent_id", "author_is_brand"):
        if column not in comments.columns:
            raise ValueError(f"response_times needs a '{column}' column")
    source = comments if replies is None else replies
    for column in ("created_at", "parent_id", "author_is_brand"):
        if column not in source.columns:
            raise ValueError(f"response_times needs a '{column}' column in replies")
    customer = customer_comments(comments)
    is_reply = _by_brand(source) & source["parent_id"].notna()
    found = source.loc[is_reply, ["parent_id", "created_at"]]
    joined = customer[["comment_id", "created_at"]].merge(
        found.rename(columns={"parent_id": "comment_id", "created_at": "reply_at"}),
        on="comment_id",
        how="inner",
    )
    joined = joined[joined["reply_at"] >= joined["created_at"]]
    first = joined.groupby("comment_id")["reply_at"].min()
    out = customer.copy()
    replied = first.astype("datetime64[ns, UTC]").reindex(out["comment_id"].to_numpy())
    out["replied_at"] = pd.Series(replied.to_numpy(), index=out.index, dtype="datetime64[ns, UTC]")
    out["delay"] = out["replied_at"] - out["created_at"]
    out["delay_hours"] = out["delay"].dt.total_seconds() / 3600.0
    out["answered"] = out["replied_at"].notna()
    out["within_sla"] = out["answered"] & (out["delay"] <= limit)
    return out


def overall_response(times: pd.DataFrame) -> dict[str, float]:
    """Response rate and speed over every comment of :func:`response_times`' output.

    Returns
    -------
    dict
        ``answered`` (answered / customer comments), ``median_hours`` (of the answered ones)
        and ``within_sla`` (answered within the SLA / customer comments); NaN where the
        denominator is zero.
    """
    answered = times["answered"].astype(bool)
    return {
        "answered": float(answered.mean()) if len(times) else float("nan"),
        "median_hours": float(times.loc[answered, "delay_hours"].median()),
        "within_sla": float(times["within_sla"].mean()) if len(times) else float("nan"),
    }


def response_summary(times: pd.DataFrame, *, by: str | list[str] = "platform") -> pd.DataFrame:
    """Response rate and speed per group (platform, intent...).

    Returns
    -------
    pandas.DataFrame
        ``comments``, ``answered`` (count), ``response_rate`` (answered / comments),
        ``within_sla`` (share of all comments answered within the SLA), ``median_hours``
        and ``p90_hours`` (of answered comments).
    """
    keys = [by] if isinstance(by, str) else list(by)
    grouped = times.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "comments": grouped.size(),
            "answered": grouped["answered"].sum(),
            "within_sla_n": grouped["within_sla"].sum(),
            "median_hours": grouped["delay_hours"].median(),
            "p90_hours": grouped["delay_hours"].quantile(0.9),
        }
    )
    out["response_rate"] = out["answered"] / out["comments"]
    out["within_sla"] = out["within_sla_n"] / out["comments"]
    out = out.drop(columns="within_sla_n").reset_index()
    cols = [*keys, "comments", "answered", "response_rate", "within_sla", "median_hours",
            "p90_hours"]  # fmt: skip
    return out[cols]
