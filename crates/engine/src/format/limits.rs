//! The limits every importer enforces, so hostile or broken files end in bounded time and memory.

/// Bounds on what an import will read. The defaults are documented in docs/formats/README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest document, in bytes.
    pub max_bytes: usize,
    /// The deepest nesting of elements (XML) or arrays and objects (JSON).
    pub max_depth: usize,
    /// The most elements (XML) or events and items (all formats).
    pub max_elements: usize,
    /// The longest single value (a title, an attribute, a text node), in bytes.
    pub max_field_bytes: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        max_depth: 64,
        max_elements: 4_000_000,
        max_field_bytes: 64 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures docs/formats/README.md gives ("256 MiB", "64 elements", "4,000,000",
    /// "64 KiB").
    #[test]
    fn the_default_limits_are_the_documented_ones() {
        assert_eq!(
            Limits::default(),
            Limits {
                max_bytes: 268_435_456,
                max_depth: 64,
                max_elements: 4_000_000,
                max_field_bytes: 65_536,
            }
        );
    }
}
