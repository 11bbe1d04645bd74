//! `string_codes!`: the stable text codes of a small option enum, written once.
//!
//! Many options are small enums read from text (`"wilson"`, `"year_one"`, `"off"`) by the faces
//! and written back as the same code. The macro takes one table — each variant with its code and
//! any aliases the parser also accepts, the option's name and the text of the `invalid_option`
//! error's `expected` — and implements `FromStr` (an unknown text is
//! [`Error::InvalidOption`](crate::Error::InvalidOption)) and, when asked, a `code()` method
//! giving each variant's code. The enum itself (its derives, serde names, docs) stays where it is
//! declared; the macro adds no other item.
//!
//! ```text
//! string_codes! {
//!     /// The stable code.
//!     RateType: code, option "rate_type", expected "\"dsr\", \"crude\"" {
//!         Dsr = "dsr",
//!         Crude = "crude",
//!     }
//! }
//! ```

/// Implements `FromStr` (and with `code`, `pub fn code(self) -> &'static str`) for an enum from
/// a table of its variants' codes (see the module docs).
macro_rules! string_codes {
    (
        $(#[$code_meta:meta])*
        $name:ident: code, option $option:literal, expected $expected:literal {
            $( $variant:ident = $code:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        impl $name {
            $(#[$code_meta])*
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }
        }
        string_codes! {
            $name: option $option, expected $expected {
                $( $variant = $code $(| $alias)* ),+
            }
        }
    };
    (
        $name:ident: option $option:literal, expected $expected:literal {
            $( $variant:ident = $code:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                match s {
                    $( $code $(| $alias)* => Ok($name::$variant), )+
                    _ => Err($crate::error::Error::InvalidOption {
                        option: $option,
                        value: s.to_owned(),
                        expected: $expected,
                    }),
                }
            }
        }
    };
}
