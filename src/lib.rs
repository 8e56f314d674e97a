//! # Quarry
//!
//! Django's async QuerySet for the browser and the edge. This crate holds the
//! model registry, the immutable query tree, the per-dialect SQL compiler and
//! the async orchestration of terminal methods over a host executor. The
//! `#[wasm_bindgen]` surface lives in [`bindings`] (wasm32 only); everything
//! else compiles and is tested natively with `cargo test`.

#![forbid(unsafe_code)]

pub mod chain;
pub mod compiler;
pub mod error;
pub mod exec;
pub mod hash;
pub mod ident;
pub mod model;
pub mod query;
pub mod text;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use error::{Error, Result};

/// Talc instead of Rust's default dlmalloc: smaller in the wasm.
/// Single-threaded wasm only, which `new_wasm_dynamic_allocator` checks at
/// compile time.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
