//! RPC signature version 1.0 (HMAC-SHA1), as a pure function: the caller injects the
//! timestamp and nonce through the parameter map, so the same inputs always give the
//! same signature. The emulator uses these functions to verify requests, so the
//! client and the gateway stand in for each other only where the published vectors
//! agree (see the tests).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Percent-encodes per RFC 3986 as the VOD gateway does: `A-Z a-z 0-9 - _ . ~` stay,
/// every other UTF-8 byte becomes `%XY` with upper-case hex (a space is `%20`).
pub fn percent_encode(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len() * 3);
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0x0f) as usize] as char);
        }
    }
    out
}

/// Reverses [`percent_encode`] (and any `%XY` escape); malformed escapes are kept as they
/// are and invalid UTF-8 is replaced, so it never fails.
pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The canonicalized query string: pairs sorted by parameter name (then value) in
/// code-point order, then percent-encoded and joined. `Signature` itself must not be
/// among `params`.
///
/// The sort is on the raw names, as both official Python signers (aliyunsdkcore's RPC
/// composer and the Tea SDK's `get_rpcsignature`) and Java's `TreeMap` do. For VOD's own
/// parameter names (ASCII letters and digits) this is the same as sorting the encoded
/// names; it differs only for names with characters such as `/` or non-ASCII letters,
/// where an encoded `%` would sort first.
pub fn canonical_query<'a, I>(params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut raw: Vec<(&str, &str)> = params.into_iter().collect();
    raw.sort_unstable();
    let pairs: Vec<(String, String)> = raw
        .into_iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// `METHOD&%2F&percentEncode(canonical query)`.
pub fn string_to_sign<'a, I>(method: &str, params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    format!(
        "{}&%2F&{}",
        method,
        percent_encode(&canonical_query(params))
    )
}

/// Base64(HMAC-SHA1(secret + "&", string_to_sign)).
pub fn sign_string(access_key_secret: &str, string_to_sign: &str) -> String {
    let mut key = String::with_capacity(access_key_secret.len() + 1);
    key.push_str(access_key_secret);
    key.push('&');
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Signs a full parameter map (everything but `Signature`).
pub fn sign<'a, I>(access_key_secret: &str, method: &str, params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    sign_string(access_key_secret, &string_to_sign(method, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_get_video_play_auth_vector() {
        let params = [
            ("AccessKeyId", "testAccessKeyId"),
            ("Action", "GetVideoPlayAuth"),
            ("Format", "JSON"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "8f8a035d-6496-4268-afd4-67c22837e38d"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2017-10-10T12:02:54Z"),
            ("Version", "2017-03-21"),
            ("VideoId", "5aed81b74ba84920be578cdfe004af4b"),
        ];
        assert_eq!(
            string_to_sign("GET", params),
            "GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D8f8a035d-6496-4268-afd4-67c22837e38d%26SignatureVersion%3D1.0%26Timestamp%3D2017-10-10T12%253A02%253A54Z%26Version%3D2017-03-21%26VideoId%3D5aed81b74ba84920be578cdfe004af4b"
        );
        assert_eq!(
            sign("testAccessKeySecret", "GET", params),
            "Ibgh7y8Vp47LBuAsf5Xhi1SvDss="
        );
    }

    #[test]
    fn ecs_describe_regions_vector() {
        let params = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ];
        assert_eq!(
            sign("testsecret", "GET", params),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn darabonba_vector() {
        let params = [("query", "test"), ("body", "test")];
        assert_eq!(
            string_to_sign("GET", params),
            "GET&%2F&body%3Dtest%26query%3Dtest"
        );
        assert_eq!(
            sign("secret", "GET", params),
            "XlUyV4sXjOuX5FnjUz9IF9tm5rU="
        );
    }

    #[test]
    fn timestamp_capitalisation_trap_gives_a_different_signature() {
        let params = [
            ("AccessKeyId", "testAccessKeyId"),
            ("Action", "GetVideoPlayAuth"),
            ("Format", "JSON"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "8f8a035d-6496-4268-afd4-67c22837e38d"),
            ("SignatureVersion", "1.0"),
            ("TimeStamp", "2017-10-10T12:02:54Z"),
            ("Version", "2017-03-21"),
            ("VideoId", "5aed81b74ba84920be578cdfe004af4b"),
        ];
        assert_eq!(
            sign("testAccessKeySecret", "GET", params),
            "y7bxGI/A7mac6a+GYiAkfjNOgZ4="
        );
    }

    #[test]
    fn names_sort_by_their_raw_code_points_like_the_official_signers() {
        // Encoded, "a%2F" would sort before "a."; raw, '.' (0x2E) comes before '/' (0x2F).
        assert_eq!(canonical_query([("a/", "1"), ("a.", "2")]), "a.=2&a%2F=1");
        assert_eq!(canonical_query([("é", "1"), ("z", "2")]), "z=2&%C3%A9=1");
    }

    #[test]
    fn encoding_of_reserved_and_multibyte_characters() {
        assert_eq!(
            percent_encode("a b*c~d+e/f%g&h=i"),
            "a%20b%2Ac~d%2Be%2Ff%25g%26h%3Di"
        );
        assert_eq!(percent_encode("视频"), "%E8%A7%86%E9%A2%91");
        assert_eq!(percent_encode(""), "");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// An independent decoder that panics on anything but well-formed escapes.
        fn strict_percent_decode(s: &str) -> Vec<u8> {
            let b = s.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'%' {
                    out.push(
                        u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap(), 16)
                            .unwrap(),
                    );
                    i += 3;
                } else {
                    out.push(b[i]);
                    i += 1;
                }
            }
            out
        }

        fn params() -> impl Strategy<Value = Vec<(String, String)>> {
            proptest::collection::btree_map(
                "[A-Za-z][A-Za-z0-9._~-]{0,12}|\\PC{1,6}",
                "\\PC{0,24}",
                0..12,
            )
            .prop_map(|m| m.into_iter().collect())
        }

        proptest! {
            #[test]
            fn output_alphabet_is_unreserved_or_upper_hex_escapes(s in "\\PC*") {
                let e = percent_encode(&s);
                let b = e.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    if b[i] == b'%' {
                        prop_assert!(i + 2 < b.len());
                        prop_assert!(b[i + 1].is_ascii_digit() || (b'A'..=b'F').contains(&b[i + 1]));
                        prop_assert!(b[i + 2].is_ascii_digit() || (b'A'..=b'F').contains(&b[i + 2]));
                        i += 3;
                    } else {
                        prop_assert!(b[i].is_ascii_alphanumeric() || b"-_.~".contains(&b[i]), "byte {}", b[i]);
                        i += 1;
                    }
                }
            }

            #[test]
            fn utf8_round_trip(s in any::<String>()) {
                let decoded = strict_percent_decode(&percent_encode(&s));
                prop_assert_eq!(String::from_utf8(decoded).unwrap(), s.clone());
                prop_assert_eq!(percent_decode(&percent_encode(&s)), s);
            }

            #[test]
            fn signature_does_not_depend_on_parameter_order(p in params(), seed in any::<u64>()) {
                let mut shuffled = p.clone();
                // Deterministic shuffle from the seed.
                let mut state = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    shuffled.swap(i, (state % (i as u64 + 1)) as usize);
                }
                let a: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let b: Vec<(&str, &str)> = shuffled.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                prop_assert_eq!(canonical_query(a.clone()), canonical_query(b.clone()));
                prop_assert_eq!(sign("secret", "POST", a), sign("secret", "POST", b));
            }

            #[test]
            fn string_to_sign_is_fully_encoded(p in params()) {
                let pairs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let s = string_to_sign("POST", pairs);
                prop_assert!(s.starts_with("POST&%2F&"));
                // After the two separators nothing but the encoded alphabet remains.
                prop_assert!(s["POST&%2F&".len()..].bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.~%".contains(&c)));
            }

            #[test]
            fn signature_is_base64_of_twenty_bytes(secret in "\\PC{0,40}", p in params()) {
                use base64::Engine as _;
                let pairs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let sig = sign(&secret, "GET", pairs);
                prop_assert_eq!(base64::engine::general_purpose::STANDARD.decode(&sig).unwrap().len(), 20);
            }
        }
    }
}
