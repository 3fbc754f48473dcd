//! Usage and playback statistics (the Describe* actions). Most answer only at the
//! cn-shanghai endpoint. Times are UTC `yyyy-MM-ddTHH:mm:ssZ`; every value arrives as a
//! string (bytes, bit/s, seconds or milliseconds, by action) and is kept as sent: the
//! console parses and converts it ([`crate::api`] stays faithful to the wire).

use serde::{Deserialize, Serialize};

use crate::de;

// ---------------------------------------------------------------------------------------
// Storage, transcode and AI usage (hourly up to 7 days, daily beyond; at most 31 days)

crate::action! {
    /// Storage used and storage outbound traffic (bytes) over time.
    DescribeVodStorageData -> DescribeVodStorageDataResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
        /// Comma-separated regions; all when left out.
        region: Option<String> => opt "Region",
        /// Comma-separated bucket names; all when left out.
        storage: Option<String> => opt "Storage",
        /// Always `OSS` when given.
        storage_type: Option<String> => opt "StorageType",
        app_id: Option<String> => opt "AppId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodStorageDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `hour` or `day`.
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    /// `StorageData.StorageDataItem[]` on the wire.
    #[serde(deserialize_with = "de::storage_data_items")]
    pub storage_data: Vec<StorageDataItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct StorageDataItem {
    #[serde(deserialize_with = "de::string")]
    pub time_stamp: String,
    /// Bytes stored.
    #[serde(deserialize_with = "de::string")]
    pub storage_utilization: String,
    /// Bytes read from storage directly (not through the CDN).
    #[serde(deserialize_with = "de::string")]
    pub network_out: String,
}

crate::action! {
    /// Transcoding duration (seconds) per specification over time.
    DescribeVodTranscodeData -> DescribeVodTranscodeDataResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
        /// `hour` or `day`.
        interval: Option<String> => opt "Interval",
        region: Option<String> => opt "Region",
        /// Comma-separated specifications (`H264.SD`, `Audio`, ...); all when left out.
        specification: Option<String> => opt "Specification",
        storage: Option<String> => opt "Storage",
        app_id: Option<String> => opt "AppId",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodTranscodeDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    /// `TranscodeData.TranscodeDataItem[]` on the wire.
    #[serde(deserialize_with = "de::transcode_data_items")]
    pub transcode_data: Vec<BreakdownItem>,
}

/// A time slice with a value per name (transcode specification, AI type).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct BreakdownItem {
    #[serde(deserialize_with = "de::string")]
    pub time_stamp: String,
    /// `Data.DataItem[]` on the wire.
    #[serde(deserialize_with = "de::data_items")]
    pub data: Vec<NamedValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct NamedValue {
    #[serde(deserialize_with = "de::string")]
    pub name: String,
    #[serde(deserialize_with = "de::string")]
    pub value: String,
}

crate::action! {
    /// AI processing duration (seconds) per AI type over time.
    DescribeVodAIData -> DescribeVodAIDataResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
        /// Comma-separated: `AIVideoCensor`, `AIVideoFPShot`, `AIVideoTag`; all when left out.
        ai_type: Option<String> => opt "AIType",
        region: Option<String> => opt "Region",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodAIDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    /// `AIData.AIDataItem[]` on the wire.
    #[serde(rename = "AIData", deserialize_with = "de::ai_data_items")]
    pub ai_data: Vec<BreakdownItem>,
}

// ---------------------------------------------------------------------------------------
// CDN

crate::action! {
    /// CDN bandwidth or traffic for billing, per domain or all domains merged.
    DescribeVodDomainUsageData -> DescribeVodDomainUsageDataResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
        /// `bps` or `traf`.
        field: String => req "Field",
        /// Comma-separated, at most 100; all domains merged when left out.
        domain_name: Option<String> => opt "DomainName",
        /// `CN` (default) or `OverSeas`.
        area: Option<String> => opt "Area",
        /// `static`, `dynamic` or `all`.
        r#type: Option<String> => opt "Type",
        /// Seconds: `300`, `3600` or `86400`.
        interval: Option<String> => opt "Interval",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodDomainUsageDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub domain_name: String,
    #[serde(deserialize_with = "de::string")]
    pub start_time: String,
    #[serde(deserialize_with = "de::string")]
    pub end_time: String,
    #[serde(deserialize_with = "de::string")]
    pub area: String,
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
    /// Seconds between points.
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    /// `UsageDataPerInterval.DataModule[]` on the wire.
    #[serde(deserialize_with = "de::data_modules")]
    pub usage_data_per_interval: Vec<UsageDataModule>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UsageDataModule {
    #[serde(deserialize_with = "de::string")]
    pub time_stamp: String,
    #[serde(deserialize_with = "de::string")]
    pub value: String,
}

crate::action! {
    /// CDN traffic (bytes) per interval: total, mainland, outside mainland, HTTPS.
    DescribeVodDomainTrafficData -> DescribeVodDomainTrafficDataResponse {
        /// Comma-separated; all domains merged when left out.
        domain_name: Option<String> => opt "DomainName",
        /// Both times or neither (the last 24 hours).
        start_time: Option<String> => opt "StartTime",
        end_time: Option<String> => opt "EndTime",
        /// Seconds: `300`, `3600` or `86400`.
        interval: Option<String> => opt "Interval",
        isp_name_en: Option<String> => opt "IspNameEn",
        location_name_en: Option<String> => opt "LocationNameEn",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodDomainTrafficDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub domain_name: String,
    #[serde(deserialize_with = "de::string")]
    pub start_time: String,
    #[serde(deserialize_with = "de::string")]
    pub end_time: String,
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    /// Bytes over the whole range.
    #[serde(deserialize_with = "de::string")]
    pub total_traffic: String,
    /// `TrafficDataPerInterval.DataModule[]` on the wire.
    #[serde(deserialize_with = "de::data_modules")]
    pub traffic_data_per_interval: Vec<CdnDataModule>,
}

/// One CDN interval: the total and its breakdown (bytes or bit/s, by action).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct CdnDataModule {
    #[serde(deserialize_with = "de::string")]
    pub time_stamp: String,
    #[serde(deserialize_with = "de::string")]
    pub value: String,
    #[serde(deserialize_with = "de::string")]
    pub domestic_value: String,
    #[serde(deserialize_with = "de::string")]
    pub overseas_value: String,
    #[serde(deserialize_with = "de::string")]
    pub https_value: String,
    #[serde(deserialize_with = "de::string")]
    pub https_domestic_value: String,
    #[serde(deserialize_with = "de::string")]
    pub https_overseas_value: String,
}

crate::action! {
    /// CDN bandwidth (bit/s) per interval: total, mainland, outside mainland, HTTPS.
    DescribeVodDomainBpsData -> DescribeVodDomainBpsDataResponse {
        domain_name: Option<String> => opt "DomainName",
        start_time: Option<String> => opt "StartTime",
        end_time: Option<String> => opt "EndTime",
        interval: Option<String> => opt "Interval",
        isp_name_en: Option<String> => opt "IspNameEn",
        location_name_en: Option<String> => opt "LocationNameEn",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodDomainBpsDataResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::string")]
    pub domain_name: String,
    #[serde(deserialize_with = "de::string")]
    pub start_time: String,
    #[serde(deserialize_with = "de::string")]
    pub end_time: String,
    #[serde(deserialize_with = "de::string")]
    pub data_interval: String,
    #[serde(deserialize_with = "de::string")]
    pub isp_name_en: String,
    #[serde(deserialize_with = "de::string")]
    pub location_name_en: String,
    /// `BpsDataPerInterval.DataModule[]` on the wire.
    #[serde(deserialize_with = "de::data_modules")]
    pub bps_data_per_interval: Vec<CdnDataModule>,
}

crate::action! {
    /// The account's accelerated domains (20 per page by default, at most 50).
    DescribeVodUserDomains -> DescribeVodUserDomainsResponse {
        domain_name: Option<String> => opt "DomainName",
        /// `fuzzy_match` (default), `pre_match`, `suf_match`, `full_match`.
        domain_search_type: Option<String> => opt "DomainSearchType",
        domain_status: Option<String> => opt "DomainStatus",
        page_number: Option<i64> => opt "PageNumber",
        page_size: Option<i64> => opt "PageSize",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeVodUserDomainsResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::int")]
    pub total_count: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub page_number: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub page_size: Option<i64>,
    /// `Domains.PageData[]` on the wire.
    #[serde(deserialize_with = "de::page_data")]
    pub domains: Vec<UserDomain>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UserDomain {
    #[serde(deserialize_with = "de::string")]
    pub domain_name: String,
    #[serde(deserialize_with = "de::string")]
    pub cname: String,
    /// `online`, `offline`, `configuring`, `configure_failed`, `checking`, `check_failed`.
    #[serde(deserialize_with = "de::string")]
    pub domain_status: String,
    #[serde(deserialize_with = "de::string")]
    pub description: String,
    #[serde(deserialize_with = "de::string")]
    pub gmt_created: String,
    #[serde(deserialize_with = "de::string")]
    pub gmt_modified: String,
    #[serde(deserialize_with = "de::string")]
    pub ssl_protocol: String,
    #[serde(deserialize_with = "de::string")]
    pub sandbox: String,
    /// `Sources.Source[]` on the wire.
    #[serde(deserialize_with = "de::source_list")]
    pub sources: Vec<DomainSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DomainSource {
    #[serde(deserialize_with = "de::string")]
    pub content: String,
    #[serde(deserialize_with = "de::int")]
    pub port: Option<i64>,
    #[serde(deserialize_with = "de::string")]
    pub priority: String,
    #[serde(deserialize_with = "de::string")]
    pub r#type: String,
}

// ---------------------------------------------------------------------------------------
// Playback statistics (ApsaraVideo Player SDK only; a day is ready at 09:00 UTC+8 the next day)

crate::action! {
    /// The day's most played videos (at most 1,000; 100 per page by default).
    DescribePlayTopVideos -> DescribePlayTopVideosResponse {
        /// The day, as UTC `yyyy-MM-ddTHH:mm:ssZ`.
        biz_date: String => req "BizDate",
        page_no: Option<i64> => opt "PageNo",
        page_size: Option<i64> => opt "PageSize",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribePlayTopVideosResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    #[serde(deserialize_with = "de::int")]
    pub page_no: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub page_size: Option<i64>,
    #[serde(deserialize_with = "de::int")]
    pub total_num: Option<i64>,
    /// `TopPlayVideos.TopPlayVideoStatis[]` on the wire.
    #[serde(deserialize_with = "de::top_play_videos")]
    pub top_play_videos: Vec<TopPlayVideoStatis>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct TopPlayVideoStatis {
    #[serde(deserialize_with = "de::string")]
    pub video_id: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    /// Plays.
    #[serde(rename = "VV", deserialize_with = "de::string")]
    pub vv: String,
    /// Unique viewers.
    #[serde(rename = "UV", deserialize_with = "de::string")]
    pub uv: String,
    /// Milliseconds.
    #[serde(deserialize_with = "de::string")]
    pub play_duration: String,
}

crate::action! {
    /// Daily averages per viewer over a date range (at most 180 days).
    DescribePlayUserAvg -> DescribePlayUserAvgResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribePlayUserAvgResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `UserPlayStatisAvgs.UserPlayStatisAvg[]` on the wire.
    #[serde(deserialize_with = "de::user_play_avgs")]
    pub user_play_statis_avgs: Vec<UserPlayStatisAvg>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UserPlayStatisAvg {
    /// `yyyyMMdd`.
    #[serde(deserialize_with = "de::string")]
    pub date: String,
    #[serde(deserialize_with = "de::string")]
    pub avg_play_count: String,
    /// Milliseconds.
    #[serde(deserialize_with = "de::string")]
    pub avg_play_duration: String,
}

crate::action! {
    /// Daily totals over a date range (at most 180 days): plays and viewers per player
    /// platform, play time, the play-length distribution.
    DescribePlayUserTotal -> DescribePlayUserTotalResponse {
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribePlayUserTotalResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `UserPlayStatisTotals.UserPlayStatisTotal[]` on the wire.
    #[serde(deserialize_with = "de::user_play_totals")]
    pub user_play_statis_totals: Vec<UserPlayStatisTotal>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct UserPlayStatisTotal {
    /// `yyyyMMdd`.
    #[serde(deserialize_with = "de::string")]
    pub date: String,
    /// Milliseconds.
    #[serde(deserialize_with = "de::string")]
    pub play_duration: String,
    /// `<=1m:74.3%;>1<=5m:22.8%;...`
    #[serde(deserialize_with = "de::string")]
    pub play_range: String,
    #[serde(rename = "UV")]
    pub uv: PerPlatform,
    #[serde(rename = "VV")]
    pub vv: PerPlatform,
}

/// A count per player platform.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PerPlatform {
    #[serde(rename = "Android", deserialize_with = "de::string")]
    pub android: String,
    #[serde(rename = "iOS", deserialize_with = "de::string")]
    pub ios: String,
    #[serde(rename = "HTML5", deserialize_with = "de::string")]
    pub html5: String,
    #[serde(rename = "Flash", deserialize_with = "de::string")]
    pub flash: String,
}

crate::action! {
    /// One video's daily playback over a date range (at most 180 days, within the last 730).
    DescribePlayVideoStatis -> DescribePlayVideoStatisResponse {
        video_id: String => req "VideoId",
        start_time: String => req "StartTime",
        end_time: String => req "EndTime",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribePlayVideoStatisResponse {
    #[serde(deserialize_with = "de::string")]
    pub request_id: String,
    /// `VideoPlayStatisDetails.VideoPlayStatisDetail[]` on the wire.
    #[serde(deserialize_with = "de::video_play_details")]
    pub video_play_statis_details: Vec<VideoPlayStatisDetail>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct VideoPlayStatisDetail {
    #[serde(deserialize_with = "de::string")]
    pub date: String,
    #[serde(deserialize_with = "de::string")]
    pub title: String,
    #[serde(rename = "VV", deserialize_with = "de::string")]
    pub vv: String,
    #[serde(rename = "UV", deserialize_with = "de::string")]
    pub uv: String,
    /// Milliseconds.
    #[serde(deserialize_with = "de::string")]
    pub play_duration: String,
    #[serde(deserialize_with = "de::string")]
    pub play_range: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_series_and_renamed_keys_are_read() {
        let ai: DescribeVodAIDataResponse = serde_json::from_str(
            r#"{"RequestId":"r","DataInterval":"day","AIData":{"AIDataItem":[
                {"TimeStamp":"2026-12-01T00:00:00Z","Data":{"DataItem":[{"Name":"AIVideoCensor","Value":"120"}]}}]}}"#,
        )
        .unwrap();
        assert_eq!(ai.ai_data[0].data[0].value, "120");
        let total: DescribePlayUserTotalResponse = serde_json::from_str(
            r#"{"RequestId":"r","UserPlayStatisTotals":{"UserPlayStatisTotal":[
                {"Date":"20261201","PlayDuration":"1000","PlayRange":"","UV":{"Android":"3","iOS":"4","HTML5":"5","Flash":"0"},
                 "VV":{"Android":"6","iOS":"7","HTML5":"8","Flash":"0"}}]}}"#,
        )
        .unwrap();
        let day = &total.user_play_statis_totals[0];
        assert_eq!((day.uv.ios.as_str(), day.vv.html5.as_str()), ("4", "8"));
        let top: DescribePlayTopVideosResponse = serde_json::from_str(
            r#"{"RequestId":"r","TotalNum":1,"TopPlayVideos":{"TopPlayVideoStatis":[{"VideoId":"v","VV":"9","UV":"2","PlayDuration":"5"}]}}"#,
        )
        .unwrap();
        assert_eq!((top.total_num, top.top_play_videos[0].vv.as_str()), (Some(1), "9"));
    }
}
