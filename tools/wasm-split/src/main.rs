//! Splits the console's wasm at its `#[lazy]` / `#[lazy_route]` boundaries: the step
//! `cargo leptos build --split` runs, for `scripts/build.sh`.
//!
//!   wasm-split <input.wasm> <out-dir> <main-out.wasm> <main-js-module>
//!
//! Writes one `.wasm` per split point (and per group of code shared by several) into
//! `out-dir`, the loader `__wasm_split.______________________.js` that fetches them, and
//! `__wasm_split_manifest.json` (which chunks each lazy function needs: the server reads
//! it to preload the chunks of the page it renders). The main module is written to
//! `main-out.wasm`, to be passed through wasm-bindgen with `--keep-lld-exports`.
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out, main_module] = args.as_slice() else {
        eprintln!("usage: wasm-split <input.wasm> <out-dir> <main-out.wasm> <main-js-module>");
        std::process::exit(2);
    };
    let input_wasm = std::fs::read(input).unwrap_or_else(|e| fail(&format!("cannot read {input}: {e}")));
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input_wasm);
        opts.output_dir = Path::new(out_dir);
        opts.main_out_path = Path::new(main_out);
        opts.main_module = main_module;
        // The name Leptos's HydrationScripts and lazy loaders expect.
        opts.link_name = "./__wasm_split.______________________.js";
        opts
    })
    .unwrap_or_else(|e| fail(&format!("splitting {input}: {e:?}")));
    let manifest = serde_json::to_string_pretty(&split.prefetch_map).expect("a map of strings serialises");
    let manifest_path = Path::new(out_dir).join("__wasm_split_manifest.json");
    std::fs::write(&manifest_path, manifest)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", manifest_path.display())));
    for chunk in &split.split_modules {
        println!("{}", chunk.display());
    }
}

fn fail(message: &str) -> ! {
    eprintln!("wasm-split: {message}");
    std::process::exit(1);
}
