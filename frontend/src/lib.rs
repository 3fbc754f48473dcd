//! hydrate entry
