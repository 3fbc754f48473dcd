"""Usage and playback statistics as both official SDKs see them: storage, transcode and
AI usage hourly then daily, CDN traffic and bandwidth (and the billing view) per domain,
the accelerated domains, the day's top videos, daily playback totals and averages, one
video's days; a playback day published at 09:00 UTC+8 the next day; a range asked in
two calls stitching to one; each family's refusals.

Each test has an emulator of its own whose QPS clock moves only when told (storage,
transcode and AI allow 10 calls a second, and `both` makes five), and whose business
clock the readiness test moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest

from action_helpers import both, both_fail

HOUR = 3600
DAY = 86_400
UTC8 = 8 * HOUR
PLATFORMS = ("Android", "iOS", "HTML5", "Flash")


def utc(t: int) -> str:
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def parse(s: str) -> int:
    import calendar
    import time

    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))


def day_start(t: int) -> int:
    """The UTC start of the UTC+8 day holding `t`."""
    return (t + UTC8) // DAY * DAY - UTC8


@dataclass
class Usage:
    v1: object
    tea: object
    next_second: Callable[[], None]
    advance: Callable[[int], int]

    def now(self) -> int:
        return self.advance(0)


@pytest.fixture
def usage(start_emulator) -> Usage:
    from conftest import V1Client, tea_client_for

    emu = start_emulator()
    status, text = emu.http("POST", "/__emulator/clock", {"gateway": "freeze"})
    assert status == 200, text

    def next_second():
        status, text = emu.http("POST", "/__emulator/clock", {"gateway_advance_ms": 1000})
        assert status == 200, text

    def advance(seconds: int) -> int:
        """Moves the business clock; returns its time."""
        import json

        status, text = emu.http("POST", "/__emulator/clock", {"advance_seconds": seconds})
        assert status == 200, text
        return json.loads(text)["now"]

    return Usage(V1Client(emu), tea_client_for(emu), next_second, advance)


def stamps(items: list) -> list[int]:
    return [parse(i["TimeStamp"]) for i in items]


# --- storage, transcode, AI -----------------------------------------------------------


@pytest.mark.conformance("DescribeVodStorageData", "DescribeVodTranscodeData", "DescribeVodAIData")
def test_storage_transcode_and_ai_usage_hourly_then_daily(usage: Usage):
    v1, tea, next_second = usage.v1, usage.tea, usage.next_second
    end = usage.now() // HOUR * HOUR - DAY
    three_days = {"StartTime": utc(end - 3 * DAY), "EndTime": utc(end)}
    body, model = both(v1, tea, "DescribeVodStorageData", three_days)
    items = body["StorageData"]["StorageDataItem"]
    assert body["DataInterval"] == "hour" and len(items) == 72
    assert stamps(items) == list(range(end - 3 * DAY, end, HOUR))
    used = [int(i["StorageUtilization"]) for i in items]
    assert used == sorted(used) and 10**10 < used[0] < 10**13, "grows slowly, tens to hundreds of GB"
    assert all(int(i["NetworkOut"]) > 0 for i in items)
    assert model.storage_data.storage_data_item[5].storage_utilization == items[5]["StorageUtilization"]

    next_second()
    twenty_days = {"StartTime": utc(end - 20 * DAY), "EndTime": utc(end)}
    body, model = both(v1, tea, "DescribeVodStorageData", twenty_days)
    days = stamps(body["StorageData"]["StorageDataItem"])
    assert body["DataInterval"] == "day" and model.data_interval == "day"
    assert all((t + UTC8) % DAY == 0 for t in days), "days begin at 00:00 UTC+8"
    assert days == list(range(days[0], days[-1] + DAY, DAY)) and len(days) in (20, 21)

    next_second()
    body, model = both(v1, tea, "DescribeVodTranscodeData", {**twenty_days, "Interval": "day", "Specification": "H264.SD,H264.HD,Audio"})
    assert body["DataInterval"] == "day"
    for item in body["TranscodeData"]["TranscodeDataItem"]:
        values = {d["Name"]: int(d["Value"]) for d in item["Data"]["DataItem"]}
        assert set(values) <= {"H264.SD", "H264.HD", "Audio", "All"} and values["H264.SD"] > 0
        assert values["All"] == sum(v for n, v in values.items() if n != "All")
    assert model.transcode_data.transcode_data_item[0].data.data_item[0].name == "H264.SD"

    next_second()
    body, model = both(v1, tea, "DescribeVodAIData", {"StartTime": utc(end - DAY), "EndTime": utc(end), "AIType": "AIVideoCensor,AIVideoTag"})
    items = body["AIData"]["AIDataItem"]
    assert body["DataInterval"] == "hour" and len(items) == 24
    names = {d["Name"] for i in items for d in i["Data"]["DataItem"]}
    assert names == {"AIVideoCensor", "AIVideoTag"}
    assert model.aidata.aidata_item[0].time_stamp == items[0]["TimeStamp"]


def test_storage_transcode_and_ai_refusals(usage: Usage):
    v1, tea, next_second = usage.v1, usage.tea, usage.next_second
    now = usage.now()
    start, end = utc(now - 2 * DAY), utc(now - DAY)
    for action in ("DescribeVodStorageData", "DescribeVodTranscodeData", "DescribeVodAIData"):
        next_second()
        both_fail(v1, tea, action, "InvalidTimeRange", {"StartTime": utc(now - 33 * DAY), "EndTime": utc(now - DAY)}, 400)
        both_fail(v1, tea, action, "InvalidParameterStartTime", {"StartTime": "2026-12-01", "EndTime": end}, 400)
        both_fail(v1, tea, action, "InvalidParameterEndTime", {"StartTime": end, "EndTime": start}, 400)
        both_fail(v1, tea, action, "InvalidParameterRegion", {"StartTime": start, "EndTime": end, "Region": "cn-hangzhou"}, 400)
        next_second()
        both_fail(v1, tea, action, "MissingParameter", {"EndTime": end}, 400)
    both_fail(v1, tea, "DescribeVodAIData", "InvalidParameter", {"StartTime": start, "EndTime": end, "AIType": "AIVideoCover"}, 400)


# --- CDN ----------------------------------------------------------------------------------


@pytest.mark.conformance("DescribeVodDomainTrafficData", "DescribeVodDomainBpsData", "DescribeVodDomainUsageData")
def test_cdn_traffic_bandwidth_and_billing_usage(usage: Usage):
    v1, tea, next_second = usage.v1, usage.tea, usage.next_second
    end = usage.now() // HOUR * HOUR - 2 * DAY
    window = {"StartTime": utc(end - 6 * HOUR), "EndTime": utc(end)}
    traffic, model = both(v1, tea, "DescribeVodDomainTrafficData", window)
    modules = traffic["TrafficDataPerInterval"]["DataModule"]
    assert traffic["DataInterval"] == "300" and len(modules) == 72
    assert int(traffic["TotalTraffic"]) == sum(int(m["Value"]) for m in modules)
    for m in modules:
        assert int(m["Value"]) == int(m["DomesticValue"]) + int(m["OverseasValue"])
        assert int(m["HttpsValue"]) == int(m["HttpsDomesticValue"]) + int(m["HttpsOverseasValue"]) < int(m["Value"])
    assert model.total_traffic == traffic["TotalTraffic"]
    assert model.traffic_data_per_interval.data_module[0].https_value == modules[0]["HttpsValue"]

    bps, model = both(v1, tea, "DescribeVodDomainBpsData", window)
    points = bps["BpsDataPerInterval"]["DataModule"]
    assert stamps(points) == stamps(modules)
    for b, t in zip(points, modules):
        assert abs(int(b["Value"]) - int(t["Value"]) * 8 / 300) <= 2, "bit/s = bytes * 8 / interval"
    assert model.bps_data_per_interval.data_module[0].value == points[0]["Value"]

    # One domain, several, all merged; the HTTP-only domain has no HTTPS traffic.
    one = lambda name: v1_call(v1, "DescribeVodDomainTrafficData", {**window, "DomainName": name})
    main, media = one("vod.demo-console.cn"), one("media.demo-console.cn")
    assert int(main["TotalTraffic"]) + int(media["TotalTraffic"]) == int(traffic["TotalTraffic"])
    assert all(m["HttpsValue"] == "0" for m in media["TrafficDataPerInterval"]["DataModule"])
    assert one("vod.demo-console.cn,media.demo-console.cn")["TotalTraffic"] == traffic["TotalTraffic"]

    # The last 24 hours when no time is given, in five-minute slots up to the one in progress.
    now = usage.now()
    body, _ = both(v1, tea, "DescribeVodDomainBpsData", {"DomainName": "vod.demo-console.cn"})
    last = stamps(body["BpsDataPerInterval"]["DataModule"])
    assert body["DataInterval"] == "300" and len(last) in (288, 289)
    assert last[0] <= now - DAY < last[0] + 300 and now - 300 < last[-1] <= now + 5
    # An interval the span does not support falls back to the span's default.
    body, _ = both(v1, tea, "DescribeVodDomainTrafficData", {"StartTime": utc(end - 10 * DAY), "EndTime": utc(end), "Interval": "300"})
    assert body["DataInterval"] == "3600"

    # The billing view: bytes per interval for traf, bit/s for bps, mainland or overseas.
    body, model = both(v1, tea, "DescribeVodDomainUsageData", {**window, "Field": "traf", "Interval": "300"})
    assert body["DataInterval"] == "300" and body["Area"] == "CN" and model.area == "CN"
    usage_points = body["UsageDataPerInterval"]["DataModule"]
    assert [int(p["Value"]) for p in usage_points] == [int(m["DomesticValue"]) for m in modules]
    next_second()
    body, _ = both(v1, tea, "DescribeVodDomainUsageData", {**window, "Field": "bps", "Area": "OverSeas", "Interval": "300"})
    assert [int(p["Value"]) for p in body["UsageDataPerInterval"]["DataModule"]] == [int(m["OverseasValue"]) for m in points]
    next_second()
    body, _ = both(v1, tea, "DescribeVodDomainUsageData", {"StartTime": utc(end - 10 * DAY), "EndTime": utc(end), "Field": "traf", "DomainName": "media.demo-console.cn"})
    assert body["DataInterval"] == "86400" and body["DomainName"] == "media.demo-console.cn"


def v1_call(v1, action: str, params: dict) -> dict:
    from conftest import v1_request

    return v1.call(v1_request(action, **params))


def test_cdn_refusals(usage: Usage):
    v1, tea, next_second = usage.v1, usage.tea, usage.next_second
    now = usage.now()
    start, end = utc(now - 2 * DAY), utc(now - DAY)
    for action in ("DescribeVodDomainTrafficData", "DescribeVodDomainBpsData"):
        both_fail(v1, tea, action, "MissingParameter", {"StartTime": start}, 400)
        both_fail(v1, tea, action, "InvalidStartTime.Malformed", {"StartTime": "2026/12/01", "EndTime": end}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.Malformed", {"StartTime": start, "EndTime": "tomorrow"}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.Mismatch", {"StartTime": end, "EndTime": start}, 400)
        both_fail(v1, tea, action, "InvalidStartTime.ValueNotSupported",
                  {"StartTime": utc(now - 95 * DAY), "EndTime": utc(now - 80 * DAY)}, 400)
        both_fail(v1, tea, action, "InvalidDomain.NotFound", {"DomainName": "www.example.com"}, 404)
        both_fail(v1, tea, action, "InvalidDomain.Offline", {"DomainName": "old.demo-console.cn"}, 404)
    window = {"StartTime": start, "EndTime": end}
    for code, extra in [
        ("InvalidParameterField", {"Field": "qps"}),
        ("InvalidParameterArea", {"Field": "bps", "Area": "Europe"}),
        ("InvalidParameterInterval", {"Field": "bps", "Interval": "60"}),
        ("InvalidDomain.Offline", {"Field": "bps", "DomainName": "old.demo-console.cn"}),
    ]:
        next_second()
        both_fail(v1, tea, "DescribeVodDomainUsageData", code, {**window, **extra}, 404 if code.startswith("InvalidDomain") else 400)
    next_second()
    both_fail(v1, tea, "DescribeVodDomainUsageData", "InvalidTimeRange",
              {"StartTime": utc(now - 40 * DAY), "EndTime": end, "Field": "traf"}, 400)
    both_fail(v1, tea, "DescribeVodDomainUsageData", "InvalidParameterStartTime", {"StartTime": "x", "EndTime": end, "Field": "traf"}, 400)


@pytest.mark.conformance("DescribeVodUserDomains")
def test_accelerated_domains_listed_filtered_and_paged(usage: Usage):
    v1, tea = usage.v1, usage.tea
    body, model = both(v1, tea, "DescribeVodUserDomains", {})
    domains = body["Domains"]["PageData"]
    assert (body["TotalCount"], body["PageNumber"], body["PageSize"]) == (3, 1, 20)
    by_name = {d["DomainName"]: d for d in domains}
    assert {n: d["DomainStatus"] for n, d in by_name.items()} == {
        "vod.demo-console.cn": "online", "media.demo-console.cn": "online", "old.demo-console.cn": "offline"}
    main = by_name["vod.demo-console.cn"]
    assert main["SslProtocol"] == "on" and main["Cname"].endswith(".alikunlun.com") and main["Sandbox"] == "normal"
    assert main["Sources"]["Source"][0]["Type"] == "oss" and main["Sources"]["Source"][0]["Port"] == 443
    assert parse(main["GmtCreated"]) <= parse(main["GmtModified"])
    assert model.domains.page_data[0].sources.source[0].port == 443

    body, model = both(v1, tea, "DescribeVodUserDomains", {"DomainStatus": "online", "PageSize": 1, "PageNumber": 2})
    assert body["TotalCount"] == 2 and [d["DomainName"] for d in body["Domains"]["PageData"]] == ["media.demo-console.cn"]
    body, _ = both(v1, tea, "DescribeVodUserDomains", {"DomainName": "media", "DomainSearchType": "pre_match"})
    assert [d["DomainName"] for d in body["Domains"]["PageData"]] == ["media.demo-console.cn"]
    body, _ = both(v1, tea, "DescribeVodUserDomains", {"DomainName": "demo-console.cn", "DomainSearchType": "full_match"})
    assert body["TotalCount"] == 0

    both_fail(v1, tea, "DescribeVodUserDomains", "InvalidPageSize.ValueNotSupported", {"PageSize": 51}, 400)
    both_fail(v1, tea, "DescribeVodUserDomains", "InvalidPageNumber.ValueNotSupported", {"PageNumber": 0}, 400)
    both_fail(v1, tea, "DescribeVodUserDomains", "InvalidDomainStatus.ValueNotSupported", {"DomainStatus": "deleted"}, 400)
    both_fail(v1, tea, "DescribeVodUserDomains", "InvalidDomainSearchType.ValueNotSupported", {"DomainSearchType": "regex"}, 400)
    both_fail(v1, tea, "DescribeVodUserDomains", "InvalidDomainName.Malformed", {"DomainName": "vod demo"}, 400)


# --- playback -----------------------------------------------------------------------------


def published_day(now: int, days_back: int = 2) -> int:
    """A UTC+8 day certainly published (two days back is always past 09:00 of the next)."""
    return day_start(now) - days_back * DAY


@pytest.mark.conformance("DescribePlayUserTotal", "DescribePlayUserAvg")
def test_daily_playback_totals_and_averages(usage: Usage):
    v1, tea = usage.v1, usage.tea
    last = published_day(usage.now())
    week = {"StartTime": utc(last - 6 * DAY), "EndTime": utc(last)}
    body, model = both(v1, tea, "DescribePlayUserTotal", week)
    totals = body["UserPlayStatisTotals"]["UserPlayStatisTotal"]
    dates = [d["Date"] for d in totals]
    assert len(totals) == 7 and dates == sorted(dates)
    assert dates[-1] == utc(last + UTC8)[:10].replace("-", "")
    for d in totals:
        assert set(d["VV"]) == set(d["UV"]) == set(PLATFORMS)
        assert all(int(d["UV"][p]) <= int(d["VV"][p]) for p in PLATFORMS)
        assert int(d["VV"]["Android"]) > 0 and int(d["VV"]["Flash"]) <= 3 and int(d["PlayDuration"]) > 0
        shares = [float(part.rsplit(":", 1)[1].rstrip("%")) for part in d["PlayRange"].split(";")]
        assert d["PlayRange"].startswith("<=1m:") and abs(sum(shares) - 100) < 0.01
    assert model.user_play_statis_totals.user_play_statis_total[0].vv.i_os == totals[0]["VV"]["iOS"]

    body, model = both(v1, tea, "DescribePlayUserAvg", week)
    avgs = body["UserPlayStatisAvgs"]["UserPlayStatisAvg"]
    assert [a["Date"] for a in avgs] == dates
    for a, t in zip(avgs, totals):
        viewers = sum(int(t["UV"][p]) for p in PLATFORMS)
        assert a["AvgPlayCount"] == f"{sum(int(t['VV'][p]) for p in PLATFORMS) / viewers:.1f}"
        assert a["AvgPlayDuration"] == f"{int(t['PlayDuration']) / viewers:.1f}"
    assert model.user_play_statis_avgs.user_play_statis_avg[0].date == dates[0]


@pytest.mark.conformance("DescribePlayTopVideos", "DescribePlayVideoStatis")
def test_top_videos_of_a_day_and_one_videos_days(usage: Usage):
    v1, tea = usage.v1, usage.tea
    day = published_day(usage.now(), 3)
    body, model = both(v1, tea, "DescribePlayTopVideos", {"BizDate": utc(day + 5 * HOUR), "PageSize": 10})
    rows = body["TopPlayVideos"]["TopPlayVideoStatis"]
    assert (body["PageNo"], body["PageSize"], len(rows)) == (1, 10, 10) and body["TotalNum"] > 10
    plays = [int(r["VV"]) for r in rows]
    assert plays == sorted(plays, reverse=True)
    assert all(1 <= int(r["UV"]) <= int(r["VV"]) and int(r["PlayDuration"]) > 0 for r in rows)
    assert model.top_play_videos.top_play_video_statis[0].video_id == rows[0]["VideoId"] and model.total_num == body["TotalNum"]
    # The library's own videos, with their titles.
    info = v1_call(v1, "GetVideoInfo", {"VideoId": rows[0]["VideoId"]})["Video"]
    assert info["Title"] == rows[0]["Title"] and info["Status"] == "Normal"
    second = v1_call(v1, "DescribePlayTopVideos", {"BizDate": utc(day), "PageNo": 2, "PageSize": 5})
    assert second["TopPlayVideos"]["TopPlayVideoStatis"] == rows[5:10]

    video = rows[0]["VideoId"]
    body, model = both(v1, tea, "DescribePlayVideoStatis", {"VideoId": video, "StartTime": utc(day - 6 * DAY), "EndTime": utc(day)})
    details = body["VideoPlayStatisDetails"]["VideoPlayStatisDetail"]
    assert details and all(d["Title"] == rows[0]["Title"] for d in details)
    assert details[-1]["VV"] == rows[0]["VV"] and details[-1]["UV"] == rows[0]["UV"]
    assert model.video_play_statis_details.video_play_statis_detail[-1].play_duration == rows[0]["PlayDuration"]
    # An unknown video has no statistics (the seed names no error for it).
    body, _ = both(v1, tea, "DescribePlayVideoStatis", {"VideoId": "0" * 32, "StartTime": utc(day - DAY), "EndTime": utc(day)})
    assert body["VideoPlayStatisDetails"]["VideoPlayStatisDetail"] == []


def test_a_playback_day_is_published_at_nine_the_next_morning_utc8(usage: Usage):
    v1 = usage.v1
    now = usage.now()
    day = day_start(now) + DAY  # tomorrow (UTC+8)
    # 08:59 UTC+8 the day after it.
    now = usage.advance(day + DAY + 9 * HOUR - 60 - now)
    one_day = {"StartTime": utc(day), "EndTime": utc(day)}
    assert v1_call(v1, "DescribePlayUserTotal", one_day)["UserPlayStatisTotals"]["UserPlayStatisTotal"] == []
    top = v1_call(v1, "DescribePlayTopVideos", {"BizDate": utc(day)})
    assert top["TotalNum"] == 0 and top["TopPlayVideos"]["TopPlayVideoStatis"] == []
    two_days = v1_call(v1, "DescribePlayUserAvg", {"StartTime": utc(day - DAY), "EndTime": utc(day)})
    assert [a["Date"] for a in two_days["UserPlayStatisAvgs"]["UserPlayStatisAvg"]] == [utc(day - DAY + UTC8)[:10].replace("-", "")]
    usage.advance(120)
    assert len(v1_call(v1, "DescribePlayUserTotal", one_day)["UserPlayStatisTotals"]["UserPlayStatisTotal"]) == 1
    assert v1_call(v1, "DescribePlayTopVideos", {"BizDate": utc(day)})["TotalNum"] > 0


def test_playback_refusals(usage: Usage):
    v1, tea = usage.v1, usage.tea
    now = usage.now()
    start, end = utc(now - 3 * DAY), utc(now - DAY)
    video = v1_call(v1, "GetVideoList", {"Status": "Normal", "PageSize": 1})["VideoList"]["Video"][0]["VideoId"]
    for action, extra in [("DescribePlayUserTotal", {}), ("DescribePlayUserAvg", {}), ("DescribePlayVideoStatis", {"VideoId": video})]:
        both_fail(v1, tea, action, "InvalidStartTime.Malformed", {**extra, "StartTime": "20261201", "EndTime": end}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.Malformed", {**extra, "StartTime": start, "EndTime": "20261202"}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.BeyondCurrent", {**extra, "StartTime": start, "EndTime": utc(now + DAY)}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.Mismatch", {**extra, "StartTime": end, "EndTime": start}, 400)
        both_fail(v1, tea, action, "InvalidEndTime.Mismatch",
                  {**extra, "StartTime": utc(now - 200 * DAY), "EndTime": utc(now - 19 * DAY)}, 400)
    both_fail(v1, tea, "DescribePlayVideoStatis", "InvalidStartTime.ValueNotSupported",
              {"VideoId": video, "StartTime": utc(now - 740 * DAY), "EndTime": utc(now - 600 * DAY)}, 400)
    both_fail(v1, tea, "DescribePlayVideoStatis", "MissingParameter", {"StartTime": start, "EndTime": end}, 400)
    both_fail(v1, tea, "DescribePlayTopVideos", "InvalidBizDate.Malformed", {"BizDate": "2026-12-01"}, 400)
    both_fail(v1, tea, "DescribePlayTopVideos", "InvalidBizDate.BeyondCurrent", {"BizDate": utc(now + DAY)}, 400)


# --- stitching ----------------------------------------------------------------------------


def test_a_range_asked_in_two_calls_is_the_range_asked_in_one(usage: Usage):
    """The console splits long ranges to VOD's spans and stitches the answers: a slot
    has the same value whichever call it comes from."""
    v1, next_second = usage.v1, usage.next_second
    today = day_start(usage.now())

    def stitched(action: str, path: tuple, extra: dict, start: int, mid: int, end: int):
        def items(s, e):
            body = v1_call(v1, action, {**extra, "StartTime": utc(s), "EndTime": utc(e)})
            for key in path:
                body = body[key]
            return body

        whole = items(start, end)
        pieces = items(start, mid)
        pieces += [i for i in items(mid, end) if i not in pieces]
        assert whole and pieces == whole, action

    stitched("DescribeVodStorageData", ("StorageData", "StorageDataItem"), {}, today - 30 * DAY, today - 13 * DAY, today - DAY)
    stitched("DescribeVodTranscodeData", ("TranscodeData", "TranscodeDataItem"), {"Interval": "hour"},
             today - 5 * DAY, today - 3 * DAY + 7 * HOUR, today - DAY)
    next_second()
    stitched("DescribeVodDomainTrafficData", ("TrafficDataPerInterval", "DataModule"), {"Interval": "3600"},
             today - 20 * DAY, today - 12 * DAY - 1234, today - DAY)
    stitched("DescribePlayUserTotal", ("UserPlayStatisTotals", "UserPlayStatisTotal"), {},
             today - 100 * DAY, today - 50 * DAY, today - 2 * DAY)
