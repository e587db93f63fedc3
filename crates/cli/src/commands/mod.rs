//! One module per subcommand.

pub mod build;
pub mod convert;
pub mod gen;
pub mod inspect;
pub mod plan;
pub mod tc;
pub mod validate;
