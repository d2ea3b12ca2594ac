"""Explore a folder in JupyterLab: :func:`explore`, and the questions it answers as functions.

``smm.explore(nb)`` (or a folder, or a :class:`~smmnb.workspace.Workspace`) shows three views
over the whole folder, with shared brand, platform and date filters:

- *Comments and mentions*: search that ignores diacritics and understands teencode, filters
  by sentiment, theme, intent and reply, paged with the count of all matches, each row with
  the words that decided its sentiment (:func:`find`, :func:`why`);
- *Over time*: a metric of :data:`METRICS` per day or week and per platform or brand; a click
  on a point lists the comments, mentions, posts or ads behind it (:func:`over_time`,
  :func:`behind`);
- *Posts*: every post with its distance from comparable posts, the best and worst of the
  filter first (:func:`post_comparisons`).

The widgets only show what these functions return; each view's whole result is on the
explorer (``.found``, ``.series``, ``.clicked``, ``.posts_found``) for pandas.
"""

from smmnb.explorer.queries import (
    METRICS,
    SORTS,
    Filters,
    Metric,
    behind,
    conversations,
    find,
    over_time,
    post_comparisons,
    searchable,
    why,
)
from smmnb.explorer.ui import Explorer, explore

__all__ = [
    "METRICS",
    "SORTS",
    "Explorer",
    "Filters",
    "Metric",
    "behind",
    "conversations",
    "explore",
    "find",
    "over_time",
    "post_comparisons",
    "searchable",
    "why",
]
