//! URL query strings, encoded the same way in the browser and on the server, so a link
//! built on either side is identical (filters, sort and page live in the URL).

/// `application/x-www-form-urlencoded` value encoding (space as `%20`, which both
/// browsers and servers decode).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn encode(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => {
                let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes a query string (with or without the leading `?`) into pairs.
pub fn decode(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_cjk_characters_round_trip() {
        let v = "视频 &=+*~/% 标题";
        let q = encode(&[("q", v.to_string())]);
        assert!(!q[2..].contains(['&', '=', '+', ' ', '/']));
        assert_eq!(decode(&q), vec![("q".to_string(), v.to_string())]);
        assert_eq!(decode("?a=1+2&b=%zz&c"), vec![("a".into(), "1 2".into()), ("b".into(), "%zz".into()), ("c".into(), String::new())]);
    }
}
