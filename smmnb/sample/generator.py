"""Generate the sample's canonical tables, deterministic for a seed."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from smmnb.sample import phrases as P
from smmnb.sample.config import (
    _BASE_ER,
    _CPM,
    _CTR,
    _DAILY_GROWTH,
    _FOLLOWERS_START,
    _FORMAT_LIFT,
    _FORMATS,
    _HOUR_WEIGHTS,
    _ORDER_VALUE,
    _POSTS_PER_DAY,
    _REACH_RATE,
    _REPORTS,
    _THEME_WEIGHTS,
    AB_CTR,
    BEST_HOURS,
    BEST_WINDOW_LIFT,
    BRAND,
    CAMPAIGNS,
    END,
    FLIGHT,
    FLIGHT_CAMPAIGN,
    FLIGHT_LIFT,
    INFLUENCERS,
    OWN_PLATFORMS,
    POSITIVE_SHARE,
    REPLY_RULES,
    SPIKE_DAY,
    SPIKE_FACTOR,
    START,
    TIMEZONE,
    TREND_START,
    VIDEO_FORMATS,
    VIDEO_LIFT,
    Sample,
)
from smmnb.schema import TABLES, validate
from smmnb.text.base import fold_one

__all__ = ["generate"]


def _fold(text: str) -> str:
    """Vietnamese without diacritics, as many people type it (the package's one fold)."""
    return fold_one(text, lower=False)


_TEENCODE = (
    (r"\bkhông\b", ("ko", "k", "hok", "hông")),
    (r"\bđược\b", ("dc", "đc", "dk")),
    (r"\bsản phẩm\b", ("sp",)),
    (r"\bgiao hàng\b", ("ship",)),
    (r"\bbạn\b", ("b", "bn")),
    (r"\bvậy\b", ("z", "v")),
    (r"\bgì\b", ("j",)),
    (r"\brồi\b", ("r",)),
    (r"\bquá\b", ("qá", "wá")),
    (r"\bvới\b", ("vs",)),
)


class _Text:
    """Fills phrase templates; one instance per generation, drawing from one rng."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def fill(self, template: str, brand: str = BRAND) -> str:
        return template.format(
            item=self.pick(P.ITEMS),
            store=self.pick(P.STORES),
            n=int(self.rng.integers(2, 6)),
            brand=brand,
        )

    def styled(self, text: str, lang: str) -> tuple[str, str]:
        """Write Vietnamese with diacritics, without them, or in teencode."""
        if lang != "vi":
            return text, "standard"
        u = self.rng.random()
        if u < 0.55:
            return text, "diacritics"
        if u < 0.78:
            return _fold(text), "no_diacritics"
        out = text
        for pattern, options in _TEENCODE:
            if re.search(pattern, out):
                out = re.sub(pattern, self.pick(options), out)
        if self.rng.random() < 0.5:
            out = _fold(out)
        return out, "teencode"

    def decorate(self, text: str, sentiment: str) -> str:
        u = self.rng.random()
        if u < 0.28:
            text += " " + self.pick(P.EMOJI[sentiment])
        elif u < 0.36 and sentiment == "negative":
            text = text.rstrip("!.?") + "!!!"
        return text


FACEBOOK_PAGE_ID = "108234567890123"


_YT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _post_id(platform: str, i: int, published_at: pd.Timestamp) -> str:
    """Ids shaped as each platform writes them, derived from the post's number and time."""
    seconds = int(published_at.timestamp())
    if platform == "facebook":
        return f"{FACEBOOK_PAGE_ID}_{122100000000000000 + i * 7919}"
    if platform == "instagram":
        return str(17841000000000000 + i * 104_729)
    if platform == "tiktok":  # TikTok ids carry the posting time in their top 32 bits
        return str((seconds << 32) + 10_000 + i)
    if platform == "youtube":  # 11 characters of base64url; some start with "-"
        digest = hashlib.sha256(f"lumi-youtube-{i}".encode()).digest()
        chars = "".join(_YT_ALPHABET[b % 64] for b in digest[:11])
        return "-" + chars[1:] if i % 9 == 0 else chars
    return str(5_300_000_000_000_000 + i * 7919)  # zalo


def _permalink(platform: str, post_id: str, fmt: str) -> str | None:
    """The post's link, as the platform's export writes it (Zalo exports give none)."""
    from smmnb.sample.exports.meta_content import _shortcode

    if platform == "facebook":
        page, number = post_id.split("_")
        return f"https://www.facebook.com/{page}/posts/{number}"
    if platform == "instagram":
        path = "reel" if fmt in ("reel", "video") else "p"
        return f"https://www.instagram.com/{path}/{_shortcode(post_id)}/"
    if platform == "tiktok":
        handle = re.sub(r"[^0-9a-z._]", "", BRAND.lower()) + ".vn"
        return f"https://www.tiktok.com/@{handle}/video/{post_id}"
    if platform == "youtube":
        return f"https://www.youtube.com/watch?v={post_id}"
    return None


def _days() -> pd.DatetimeIndex:
    return pd.date_range(START, END, freq="D")


def _followers(rng: np.random.Generator) -> pd.DataFrame:
    days = _days()
    n = len(days)
    frames = []
    for brand, platforms in _FOLLOWERS_START.items():
        for platform, level in platforms.items():
            growth = _DAILY_GROWTH[platform] * (0.85 if brand != BRAND else 1.0)
            if brand == BRAND and platform == "tiktok":
                growth *= np.where(days >= pd.Timestamp("2026-07-01"), 0.45, 1.0)  # effect 6
            if brand == BRAND:
                for name in (FLIGHT_CAMPAIGN, "Salted Coffee Launch"):
                    a, b = CAMPAIGNS[name][0], CAMPAIGNS[name][1]
                    if platform in CAMPAIGNS[name][2]:
                        growth = growth * np.where((days >= a) & (days <= b), 1.6, 1.0)
            expected_gain = level * growth * (1 + 0.15 * np.sin(np.arange(n) / 9.0))
            gained = rng.poisson(np.maximum(expected_gain, 0) * 1.35)
            lost = rng.poisson(np.maximum(expected_gain, 0) * 0.35)
            followers = level + np.cumsum(gained - lost)
            frames.append(
                pd.DataFrame(
                    {
                        "date": days,
                        "brand": brand,
                        "platform": platform,
                        "followers": followers,
                        "gained": gained,
                        "lost": lost,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def _campaign_on(day: pd.Timestamp, platform: str) -> str | None:
    for name, (a, b, platforms, *_rest) in CAMPAIGNS.items():
        if platform in platforms and pd.Timestamp(a) <= day <= pd.Timestamp(b):
            return name
    return None


def _posts(rng: np.random.Generator, text: _Text, followers: pd.DataFrame) -> pd.DataFrame:
    own = followers[followers["brand"] == BRAND].set_index(["platform", "date"])["followers"]
    rows = []
    hour_p = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()
    for day in _days():
        for platform in OWN_PLATFORMS:
            for _ in range(int(rng.poisson(_POSTS_PER_DAY[platform]))):
                names, weights = zip(*_FORMATS[platform], strict=True)
                fmt = names[int(rng.choice(len(names), p=np.array(weights)))]
                hour = int(rng.choice(24, p=hour_p))
                minute = int(rng.integers(0, 60))
                local = day + pd.Timedelta(hours=hour, minutes=minute)
                base_followers = int(own[(platform, day)])
                weekday_window = local.weekday() < 5 and hour in BEST_HOURS
                lift = VIDEO_LIFT if fmt in VIDEO_FORMATS else _FORMAT_LIFT[fmt]
                lift *= BEST_WINDOW_LIFT if weekday_window else 1.0
                paid = bool(rng.random() < 0.12)
                reach = base_followers * _REACH_RATE[platform] * rng.lognormal(0, 0.35)
                reach *= 2.4 if paid else 1.0
                reach = int(reach)
                er = _BASE_ER[platform] * lift * rng.lognormal(0, 0.18)
                engagements = int(rng.binomial(reach, min(er, 0.9)))
                split = rng.dirichlet([70, 6, 8, 8])
                reactions, _comments, shares, saves = (engagements * split).astype(int)
                campaign = _campaign_on(day, platform) if rng.random() < 0.6 else None
                rows.append(
                    {
                        "platform": platform,
                        "local": local,
                        "format": fmt,
                        "text": text.fill(text.pick(P.CAPTIONS[fmt])),
                        "campaign": campaign,
                        "paid": paid,
                        "impressions": int(reach * rng.uniform(1.15, 1.6)),
                        "reach": reach,
                        "reactions": int(reactions),
                        "shares": int(shares),
                        "saves": int(saves),
                        "clicks": int(rng.binomial(reach, 0.006)),
                        "video_views": int(reach * rng.uniform(0.9, 1.8))
                        if fmt in VIDEO_FORMATS or fmt == "live"
                        else None,
                        "followers": base_followers,
                        "comment_rate": engagements * split[1] / max(reach, 1),
                    }
                )
    posts = pd.DataFrame(rows)
    posts["published_at"] = posts["local"].dt.tz_localize(TIMEZONE).dt.tz_convert("UTC")
    posts["post_id"] = [
        _post_id(p, i, t)
        for i, (p, t) in enumerate(zip(posts["platform"], posts["published_at"], strict=True))
    ]
    posts["brand"] = BRAND
    posts["url"] = [
        _permalink(p, i, f)
        for p, i, f in zip(posts["platform"], posts["post_id"], posts["format"], strict=True)
    ]
    for component in ("reactions", "shares", "saves", "clicks"):
        reported = posts["platform"].map(lambda p, c=component: c in _REPORTS[p])
        posts[component] = posts[component].astype("Int64").where(reported)
    return posts


def _sentiment_kind(rng: np.random.Generator, platform: str, spike_week: bool) -> tuple[str, str]:
    positive = POSITIVE_SHARE[platform] * (0.45 if spike_week else 1.0)
    u = rng.random()
    if u < positive:
        return "positive", ("praise" if rng.random() < 0.8 else "chitchat")
    u = rng.random()
    if u < 0.40:
        return "neutral", "question"
    if u < 0.52:
        return "neutral", "request"
    if u < 0.62:
        return "neutral", "chitchat"
    return "negative", ("sarcasm" if rng.random() < 0.08 else "complaint")


def _customer_text(
    text: _Text, lang: str, kind: str, theme: str, sentiment: str
) -> tuple[str, str]:
    if kind == "sarcasm":
        body = text.fill(text.pick(P.SARCASM[lang]))
    elif kind == "chitchat":
        body = text.fill(text.pick(P.CHITCHAT[lang]))
    else:
        body = text.fill(text.pick(P.COMMENTS[lang][theme][kind]))
    body, style = text.styled(body, lang)
    return text.decorate(body, sentiment), style


def _comments(
    rng: np.random.Generator, text: _Text, posts: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    themes = list(_THEME_WEIGHTS)
    theme_p = np.array(list(_THEME_WEIGHTS.values()))
    theme_p = theme_p / theme_p.sum()
    spike_lo = SPIKE_DAY - pd.Timedelta(days=3)
    spike_hi = SPIKE_DAY + pd.Timedelta(days=3)
    rows, truth = [], []
    serial = 0
    for post in posts.itertuples(index=False):
        expected = post.reach * post.comment_rate * 0.35  # most commenters only react
        local_day = post.local.normalize()
        spike_week = spike_lo <= local_day <= spike_hi
        if local_day == SPIKE_DAY or (post.platform == "facebook" and spike_week):
            expected *= 2.5
        for _ in range(int(rng.poisson(expected))):
            serial += 1
            cid = f"c{serial:07d}"
            lang = "vi" if rng.random() < (0.72 if post.platform == "instagram" else 0.85) else "en"
            sentiment, kind = _sentiment_kind(rng, post.platform, spike_week)
            theme = themes[int(rng.choice(len(themes), p=theme_p))]
            if spike_week and sentiment == "negative" and rng.random() < 0.7:
                theme = "delivery"
            body, style = _customer_text(text, lang, kind, theme, sentiment)
            delay = pd.Timedelta(minutes=float(rng.exponential(6 * 60)))
            created = post.published_at + delay
            rows.append(
                {
                    "comment_id": cid,
                    "platform": post.platform,
                    "created_at": created,
                    "text": body,
                    "post_id": post.post_id,
                    "parent_id": None,
                    "author": text.pick(P.AUTHORS[lang]),
                    "author_is_brand": False,
                }
            )
            truth.append(
                {
                    "comment_id": cid,
                    "lang": lang,
                    "kind": kind,
                    "theme": theme,
                    "sentiment": sentiment,
                    "style": style,
                }
            )
            answer, median_hours = REPLY_RULES[post.platform]
            wants_reply = kind in ("question", "complaint", "request", "sarcasm")
            p_reply = answer if wants_reply else 0.15
            if rng.random() < p_reply:
                serial += 1
                hours = float(median_hours * rng.lognormal(0, 0.8))
                rows.append(
                    {
                        "comment_id": f"c{serial:07d}",
                        "platform": post.platform,
                        "created_at": created + pd.Timedelta(hours=hours),
                        "text": text.fill(text.pick(P.REPLIES[lang])),
                        "post_id": post.post_id,
                        "parent_id": cid,
                        "author": BRAND,
                        "author_is_brand": True,
                    }
                )
    comments = pd.DataFrame(rows)
    comments["brand"] = BRAND
    return comments, pd.DataFrame(truth)


_MENTION_BASE = {BRAND: 34.0, "Moc Coffee": 27.0, "Sen Tea": 17.0}


_MENTION_PLATFORMS = (
    ("facebook", 0.38),
    ("tiktok", 0.22),
    ("instagram", 0.10),
    ("youtube", 0.06),
    ("forum", 0.10),
    ("news", 0.06),
    ("threads", 0.04),
    ("x", 0.04),
)


_MENTION_SENTIMENT = {BRAND: (0.44, 0.36), "Moc Coffee": (0.40, 0.38), "Sen Tea": (0.47, 0.33)}


_URL = {
    "facebook": "https://www.facebook.com/groups/saigoncafe/posts/{}",
    "tiktok": "https://www.tiktok.com/@user/video/{}",
    "instagram": "https://www.instagram.com/p/{}",
    "youtube": "https://www.youtube.com/watch?v={}",
    "forum": "https://forum.example.vn/thread/{}",
    "news": "https://news.example.vn/article/{}",
    "threads": "https://www.threads.net/post/{}",
    "x": "https://x.com/i/status/{}",
}


def _mentions(rng: np.random.Generator, text: _Text) -> tuple[pd.DataFrame, pd.DataFrame]:
    names, weights = zip(*_MENTION_PLATFORMS, strict=True)
    platform_p = np.array(weights) / sum(weights)
    rows, truth = [], []
    serial = 0
    days = _days()
    for i, day in enumerate(days):
        weekend = 1.2 if day.weekday() >= 5 else 1.0
        trend_age = (day - TREND_START).days
        for brand, base in _MENTION_BASE.items():
            mean = base * weekend * (1 + 0.0015 * i)
            count = int(rng.poisson(mean))
            spike_extra = 0
            if brand == BRAND and day == SPIKE_DAY:
                spike_extra = int(rng.poisson(mean * (SPIKE_FACTOR - 1)))
            trend_share = min(0.04 + 0.012 * trend_age, 0.28) if trend_age >= 0 else 0.002
            spike_week = brand == BRAND and abs((day - SPIKE_DAY).days) <= 3
            for j in range(count + spike_extra):
                serial += 1
                mid = f"m{serial:07d}"
                lang = "vi" if rng.random() < 0.82 else "en"
                is_spike = j >= count
                is_trend = False
                theme = None
                if is_spike:
                    sentiment = "negative" if rng.random() < 0.85 else "neutral"
                    theme = "delivery"
                    pool = P.SPIKE_COMPLAINTS[lang] if sentiment == "negative" else None
                    template = text.pick(pool) if pool else text.pick(P.MENTIONS[lang]["neutral"])
                elif rng.random() < trend_share:
                    is_trend = True
                    sentiment = "positive" if rng.random() < 0.7 else "neutral"
                    template = text.pick(P.TRENDING[lang])
                else:
                    pos, neu = _MENTION_SENTIMENT[brand]
                    if spike_week:
                        pos *= 0.6
                    u = rng.random()
                    sentiment = (
                        "positive" if u < pos else "neutral" if u < pos + neu else "negative"
                    )
                    template = text.pick(P.MENTIONS[lang][sentiment])
                body, _style = text.styled(text.fill(template, brand=brand), lang)
                platform = names[int(rng.choice(len(names), p=platform_p))]
                seconds = int(rng.integers(0, 86_400))
                local = day + pd.Timedelta(seconds=seconds)
                followers = int(rng.lognormal(6.5, 1.6))
                rows.append(
                    {
                        "mention_id": mid,
                        "local": local,
                        "brand": brand,
                        "text": text.decorate(body, sentiment),
                        "platform": platform,
                        "author": text.pick(P.AUTHORS[lang]),
                        "author_followers": followers,
                        "engagements": int(rng.poisson(3 + followers * 0.004)),
                        "url": _URL[platform].format(7_000_000_000 + serial * 104_729),
                    }
                )
                truth.append(
                    {
                        "mention_id": mid,
                        "sentiment": sentiment,
                        "theme": theme,
                        "is_spike": is_spike,
                        "is_trend": is_trend,
                    }
                )
    mentions = pd.DataFrame(rows)
    mentions["created_at"] = mentions.pop("local").dt.tz_localize(TIMEZONE).dt.tz_convert("UTC")
    return mentions, pd.DataFrame(truth)


def _ads(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for campaign, (a, b, platforms, objective, budget, ads) in CAMPAIGNS.items():
        for day in pd.date_range(a, b, freq="D"):
            for platform in platforms:
                ad_set = f"{campaign} | {platform.title()} | HCMC 18-34"
                if platform == "google":
                    ad_set = "Brand exact"
                for ad in ads:
                    spend = budget * rng.uniform(0.85, 1.1)
                    cpm = _CPM[platform] * rng.lognormal(0, 0.12)
                    impressions = int(spend / cpm * 1000)
                    ctr = AB_CTR.get(ad, _CTR[platform])
                    clicks = int(rng.binomial(impressions, ctr))
                    cvr = 0.045 if objective == "conversions" else 0.018
                    conversions = int(rng.binomial(clicks, cvr))
                    revenue = float(
                        np.round(conversions * _ORDER_VALUE * rng.uniform(0.8, 1.3), -3)
                    )
                    video = "Video" in ad or "Reel" in ad or "Short" in ad
                    rows.append(
                        {
                            "date": day,
                            "brand": BRAND,
                            "platform": platform,
                            "campaign": campaign,
                            "ad_set": ad_set,
                            "ad": ad,
                            "objective": objective,
                            "spend": float(np.round(spend, -2)),
                            "currency": "VND",
                            "impressions": impressions,
                            "reach": int(impressions / rng.uniform(1.2, 1.7)),
                            "clicks": clicks,
                            "conversions": float(conversions),
                            "revenue": revenue,
                            "video_views": int(impressions * rng.uniform(0.25, 0.4))
                            if video
                            else None,
                        }
                    )
    return pd.DataFrame(rows)


_WEB_SOURCES = (
    # source, medium, campaign, landing page, sessions per day
    ("google", "organic", None, "/", 420),
    ("google", "organic", None, "/menu", 260),
    ("(direct)", "(none)", None, "/", 310),
    ("google", "cpc", "Search - Brand", "/order", 150),
    ("facebook", "social", None, "/menu", 85),
    ("m.facebook.com", "referral", None, "/", 40),
    ("instagram", "social", None, "/menu", 45),
    ("l.instagram.com", "referral", None, "/order", 18),
    ("tiktok", "social", None, "/", 30),
    ("zalo", "social", None, "/store-locator", 36),
    ("shopeefood.vn", "referral", None, "/order", 55),
    ("newsletter", "email", "monthly_news", "/promo", 24),
)


_WEB_SCALE = 2.5  # the listed daily sessions are for a quiet shop; Lumi's site is busier


_UTM = {  # campaign -> utm_campaign value on paid social sessions
    "Back to School": "back_to_school",
    "Mid-Autumn Mooncake": "mid_autumn",
    "Salted Coffee Launch": "salted_coffee",
    "Cold Brew Season": "cold_brew",
}


def _web_sessions(rng: np.random.Generator, ads: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for day in _days():
        weekend = 1.15 if day.weekday() >= 5 else 1.0
        in_flight = FLIGHT[0] <= day <= FLIGHT[1]
        for source, medium, campaign, page, mean in _WEB_SOURCES:
            lift = FLIGHT_LIFT if (in_flight and medium == "social") else 1.0
            expected = mean * _WEB_SCALE * weekend * lift
            rows.append((day, source, medium, campaign, page, int(rng.poisson(expected))))
    organic = pd.DataFrame(
        rows, columns=["date", "source", "medium", "campaign", "landing_page", "sessions"]
    )
    # UTM-tagged sessions from the social ads: many link clicks never load the page (in-app
    # browsers, slow mobile connections), so fewer than half become sessions.
    social_ads = ads[(ads["platform"] != "google") & ads["campaign"].isin(list(_UTM))]
    paid = (
        social_ads.groupby(["date", "platform", "campaign"], sort=True)["clicks"]
        .sum()
        .reset_index()
    )
    paid["sessions"] = rng.binomial(paid["clicks"].to_numpy(), 0.40)
    paid = paid.assign(
        source=paid["platform"],
        medium="paid_social",
        campaign=paid["campaign"].map(_UTM),
        landing_page="/promo",
    )[organic.columns]
    web = pd.concat([organic, paid], ignore_index=True)
    web = web[web["sessions"] > 0].sort_values(["date", "source", "medium"], kind="stable")
    web = web.reset_index(drop=True)
    n = web["sessions"].to_numpy()
    web["users"] = rng.binomial(n, 0.86)
    web["engaged_sessions"] = rng.binomial(n, np.where(web["medium"] == "paid_social", 0.48, 0.61))
    web["conversions"] = rng.binomial(n, np.where(web["landing_page"] == "/order", 0.09, 0.022))
    value = rng.uniform(0.85, 1.2, len(web))
    web["revenue"] = np.round(web["conversions"] * _ORDER_VALUE * value, -3)
    web["brand"] = BRAND
    return web


def _influencers() -> pd.DataFrame:
    cols = [
        "influencer",
        "platform",
        "campaign",
        "tier",
        "followers",
        "fee",
        "posts",
        "impressions",
        "engagements",
        "clicks",
        "conversions",
    ]
    df = pd.DataFrame(INFLUENCERS, columns=cols)
    df["brand"] = BRAND
    df["revenue"] = df["conversions"] * _ORDER_VALUE
    return df


def _calendar(rng: np.random.Generator, posts: pd.DataFrame) -> pd.DataFrame:
    owners = ("Thảo", "Minh", "Agency Q")
    rows = []
    for post in posts.itertuples(index=False):
        planned = post.published_at - pd.Timedelta(
            minutes=int(rng.choice([0, 0, 0, 30, 120, 1440]))
        )
        rows.append(
            (
                planned,
                post.platform,
                post.text[:60],
                post.format,
                post.campaign,
                "published",
                owners[int(rng.integers(3))],
                post.post_id,
            )
        )
    # Planned items that never went out, and the plan for the weeks after the data ends.
    for day in pd.date_range(START, END + pd.Timedelta(days=21), freq="D"):
        for platform in OWN_PLATFORMS:
            future = day > END
            if rng.random() > (0.9 if future else 0.05) * _POSTS_PER_DAY[platform] / 1.4:
                continue
            names, weights = zip(*_FORMATS[platform], strict=True)
            fmt = names[int(rng.choice(len(names), p=np.array(weights)))]
            local = day + pd.Timedelta(hours=int(rng.choice([9, 11, 12, 18, 19, 20])))
            status = (
                ("scheduled" if rng.random() < 0.4 else "planned")
                if future
                else ("cancelled" if rng.random() < 0.5 else "planned")
            )
            title = f"{fmt.title()}: {P.ITEMS[int(rng.integers(len(P.ITEMS)))]}"
            rows.append(
                (
                    local.tz_localize(TIMEZONE).tz_convert("UTC"),
                    platform,
                    title,
                    fmt,
                    _campaign_on(day, platform),
                    status,
                    owners[int(rng.integers(3))],
                    None,
                )
            )
    cal = pd.DataFrame(
        rows,
        columns=[
            "planned_at",
            "platform",
            "title",
            "format",
            "campaign",
            "status",
            "owner",
            "post_id",
        ],
    )
    cal["brand"] = BRAND
    return cal.sort_values(["planned_at", "platform"], kind="stable").reset_index(drop=True)


def _targets(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """H2 targets set against the generated trajectory: on track, except TikTok followers."""
    h2 = (pd.Timestamp("2026-07-01"), pd.Timestamp("2026-12-31"))
    elapsed = ((END - h2[0]).days + 1) / ((h2[1] - h2[0]).days + 1)
    rows = []
    fol = tables["followers"]
    own = fol[fol["brand"] == BRAND]
    for platform in OWN_PLATFORMS:
        series = own[own["platform"] == platform].set_index("date")["followers"]
        start_level = series[h2[0]]
        gain_so_far = series[END] - start_level
        # Planned gain: what the pace so far delivers by the period end, 5% less (on track);
        # TikTok's plan assumed the first half's growth rate, which has since slowed.
        if platform == "tiktok":
            first_half_rate = (start_level - series[START]) / (h2[0] - START).days
            planned_gain = first_half_rate * ((h2[1] - h2[0]).days + 1) * 1.1
        else:
            planned_gain = gain_so_far / elapsed * 0.95
        rows.append(
            (
                BRAND,
                "followers",
                float(round(start_level + planned_gain, -2)),
                *h2,
                None,
                platform,
                "higher",
            )
        )
    posts = tables["posts"]
    posts_h2 = posts[posts["published_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None) >= h2[0]]
    engagements = posts_h2[["reactions", "comments", "shares", "saves"]].sum().sum()
    rows.append(
        (
            BRAND,
            "engagements",
            float(round(engagements / elapsed * 0.85, -3)),
            *h2,
            None,
            None,
            "higher",
        )
    )
    rows.append((BRAND, "er_reach", 0.040, *h2, None, None, "higher"))
    ads = tables["ads"]
    ads_h2 = ads[ads["date"] >= h2[0]]
    spend = ads_h2["spend"].sum()
    # The H2 budget plans for the Q4 campaigns: the recent daily rate, with 10% headroom.
    recent = ads.groupby("date")["spend"].sum().sort_index().iloc[-14:].mean()
    budget = spend + recent * (h2[1] - END).days * 1.10
    rows.append((BRAND, "spend", float(round(budget, -6)), *h2, None, None, "lower"))
    rows.append((BRAND, "ctr", 0.009, *h2, None, None, "higher"))
    rows.append((BRAND, "cpa", 100_000.0, *h2, None, None, "lower"))
    rows.append((BRAND, "roas", 0.95, *h2, None, None, "higher"))
    web = tables["web_sessions"]
    sessions = web.loc[web["date"] >= h2[0], "sessions"].sum()
    rows.append(
        (BRAND, "sessions", float(round(sessions / elapsed * 0.95, -3)), *h2, None, None, "higher")
    )
    rows.append((BRAND, "response_rate", 0.30, *h2, None, None, "higher"))
    rows.append((BRAND, "net_sentiment", 0.05, *h2, None, None, "higher"))
    for campaign in (FLIGHT_CAMPAIGN, "Mid-Autumn Mooncake"):
        a, b = pd.Timestamp(CAMPAIGNS[campaign][0]), pd.Timestamp(CAMPAIGNS[campaign][1])
        rows_c = ads[ads["campaign"] == campaign]
        rows.append(
            (
                BRAND,
                "clicks",
                float(round(rows_c["clicks"].sum() * 0.9, -2)),
                a,
                b,
                campaign,
                None,
                "higher",
            )
        )
        rows.append(
            (
                BRAND,
                "conversions",
                float(round(rows_c["conversions"].sum() * 0.9)),
                a,
                b,
                campaign,
                None,
                "higher",
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "brand",
            "kpi",
            "target",
            "period_start",
            "period_end",
            "campaign",
            "platform",
            "direction",
        ],
    )


def generate(seed: int = 7) -> Sample:
    """Build the sample data set in memory.

    Parameters
    ----------
    seed : int
        Seed of the one random generator everything draws from.

    Returns
    -------
    Sample
        The nine validated canonical tables and the generator's intended labels.
    """
    rng = np.random.default_rng(seed)
    text = _Text(rng)
    followers = _followers(rng)
    posts = _posts(rng, text, followers)
    comments, comment_truth = _comments(rng, text, posts)
    # The export is pulled at the end of the last day: later comments and replies are not in it.
    pulled = (END + pd.Timedelta(days=1)).tz_localize(TIMEZONE).tz_convert("UTC")
    comments = comments[comments["created_at"] < pulled].reset_index(drop=True)
    comment_truth = comment_truth[comment_truth["comment_id"].isin(comments["comment_id"])]
    customer = comments[~comments["author_is_brand"].astype(bool)]
    per_post = customer.groupby("post_id").size()
    posts["comments"] = posts["post_id"].map(per_post).fillna(0).astype("Int64")
    mentions, mention_truth = _mentions(rng, text)
    ads = _ads(rng)
    web = _web_sessions(rng, ads)
    calendar = _calendar(rng, posts)
    raw = {
        "posts": posts,
        "ads": ads,
        "comments": comments,
        "mentions": mentions,
        "followers": followers,
        "web_sessions": web,
        "influencers": _influencers(),
        "calendar": calendar,
    }
    raw["targets"] = _targets({**raw})
    tables = {
        name: validate(raw[name][TABLES[name].names], name, source=f"sample:{name}")
        for name in TABLES
        if name in raw  # channel_daily comes from the sample's exports, not from a table file
    }
    return Sample(tables=tables, truth={"comments": comment_truth, "mentions": mention_truth})
