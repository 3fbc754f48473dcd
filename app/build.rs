//! Compiles the translation catalogues (`locales/<lang>/<namespace>.json`) into the
//! `i18n` module (leptos_i18n), after checking that the two languages agree: the same
//! keys, the same `{{ placeholders }}` and `<tags>` in each, and no empty text. A
//! catalogue that disagrees fails the build, so no page can ship half-translated.
//!
//! leptos_i18n's parser and code generator are called directly: its `leptos_i18n_build`
//! wrapper also builds ICU's data exporter (CLDR sources, a wasm runtime), which this
//! console does not use and which took about ten minutes to compile per profile.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;

/// The reference language (also the fallback for a browser asking for neither).
const DEFAULT: &str = "en";
const LOCALES: &[&str] = &["en", "zh"];
/// One catalogue file per area of the console. A new page adds its own.
const NAMESPACES: &[&str] =
    &["common", "errors", "shell", "login", "media", "media_rules", "upload", "categories", "activity", "users", "watermarks", "templates", "usage", "audit"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("locales");

    let problems = check_parity(&root);
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo::error={p}");
        }
        return Err(format!("{} problem(s) in the translation catalogues", problems.len()).into());
    }

    let options = ParseOptions::default().interpolate_display(true);
    let mut cfg = Config::new(DEFAULT)?.add_namespaces(NAMESPACES)?.parse_options(options);
    for locale in LOCALES.iter().filter(|l| **l != DEFAULT) {
        cfg = cfg.add_locale(locale)?;
    }
    let parsed = parse_locales(None, cfg)?;
    let errors = parsed.diag.errors();
    for e in errors.iter() {
        println!("cargo::error={e}");
    }
    for w in parsed.diag.warnings().iter() {
        println!("cargo::warning={w}");
    }
    if !errors.is_empty() {
        return Err("the translation catalogues could not be compiled".into());
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR")?).join("i18n");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("mod.rs"), code.to_string())?;
    Ok(())
}

/// Every key of every namespace, in every language, with the same placeholders and tags.
fn check_parity(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for ns in NAMESPACES {
        let mut catalogues: Vec<(&str, BTreeMap<String, String>)> = Vec::new();
        for locale in LOCALES {
            let path = root.join(locale).join(format!("{ns}.json"));
            println!("cargo::rerun-if-changed={}", path.display());
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(value) => {
                    let mut flat = BTreeMap::new();
                    flatten("", &value, &mut flat, &mut problems, &path);
                    catalogues.push((locale, flat));
                }
                Err(e) => problems.push(format!("{}: not valid JSON: {e}", path.display())),
            }
        }
        let Some((ref_locale, reference)) = catalogues.first() else { continue };
        for (locale, other) in &catalogues[1..] {
            for key in reference.keys().filter(|k| !other.contains_key(*k)) {
                problems.push(format!("{locale}/{ns}.json lacks `{key}` (present in {ref_locale})"));
            }
            for key in other.keys().filter(|k| !reference.contains_key(*k)) {
                problems.push(format!("{ref_locale}/{ns}.json lacks `{key}` (present in {locale})"));
            }
            for (key, text) in reference {
                if let Some(theirs) = other.get(key) {
                    if markers(text) != markers(theirs) {
                        problems.push(format!(
                            "{ns}.json `{key}`: placeholders or tags differ between {ref_locale} ({:?}) and {locale} ({:?})",
                            markers(text),
                            markers(theirs)
                        ));
                    }
                }
            }
        }
    }
    problems
}

fn flatten(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>, problems: &mut Vec<String>, path: &Path) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out, problems, path);
            }
        }
        serde_json::Value::String(s) => {
            if s.trim().is_empty() {
                problems.push(format!("{}: `{prefix}` is empty", path.display()));
            }
            out.insert(prefix.to_string(), s.clone());
        }
        other => problems.push(format!("{}: `{prefix}` is not text: {other}", path.display())),
    }
}

/// The `{{ name }}` placeholders and `<tag>` names of a text, sorted.
fn markers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        found.push(format!("{{{}}}", after[..end].trim()));
        rest = &after[end + 2..];
    }
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        if !name.is_empty() {
            found.push(format!("<{name}>"));
        }
        rest = after;
    }
    found.sort();
    found
}
