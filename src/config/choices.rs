//! The settings that take one of a few names. Read by hand rather than by
//! serde's enum support, whose message for a number or a table ("wanted
//! string or table") does not say which names would do.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? } default $default:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant),+
        }

        impl Default for $name {
            fn default() -> $name {
                $name::$default
            }
        }

        impl $name {
            const NAMES: &[(&str, $name)] = &[$(($text, $name::$variant)),+];

            /// The name the config writes it with.
            pub fn name(self) -> &'static str {
                Self::NAMES.iter().find(|(_, v)| *v == self).map_or("", |(n, _)| n)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                d.deserialize_any(Names($name::NAMES, PhantomData))
            }
        }
    };
}

choice!(Sort { Date = "date", Title = "title", Author = "author", Unread = "unread" } default Date);
choice!(Group {
    None = "none", Category = "category", Tag = "tag", Author = "author",
    Folder = "folder", Month = "month",
} default None);
choice!(
    /// `auto | always | never`.
    When { Auto = "auto", Always = "always", Never = "never" } default Auto
);
choice!(LogLevel {
    Off = "off", Error = "error", Warn = "warn", Info = "info", Debug = "debug",
    Trace = "trace",
} default Warn);

struct Names<T: 'static>(&'static [(&'static str, T)], PhantomData<T>);

impl<'de, T: Copy> Visitor<'de> for Names<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        write!(f, "one of {}", names.join(", "))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        match self.0.iter().find(|(n, _)| *n == s) {
            Some((_, v)) => Ok(*v),
            None => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
        }
    }
}
