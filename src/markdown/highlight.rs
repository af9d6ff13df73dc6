//! Syntax highlighting for fenced code, with syntect's grammars (and
//! two-face's wider set). Colours come from the tidings theme, not from a
//! syntect theme: scopes map to a handful of token kinds, each a theme
//! style, so `mono` shows bold and italic only and `NO_COLOR` no colour.
//!
//! The grammars take about 30 ms to load and highlight only some hundreds
//! of KB a second, so the reader's own thread never does either: it calls
//! [`defer`] and renders code plain, marking the article
//! ([`Article::plain_code`](super::Article)) so the render worker renders
//! it again highlighted (loading the grammars there on first use). Threads
//! that do not defer (the worker, `--print`, tests) highlight at once.

use std::cell::Cell;
use std::sync::OnceLock;

use ratatui::style::Style;
use syntect::easy::HighlightLines;
use syntect::highlighting::{
    Color, ScopeSelectors, StyleModifier, Theme as Scopes, ThemeItem, ThemeSettings,
};
use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::Theme;

/// Lines longer than this (minified code, data) are not highlighted, nor is
/// the rest of their block: grammars can take quadratic time on them.
const MAX_LINE: usize = 4 << 10;

/// Code highlighted per article at most; the rest is plain. Bounds the
/// work a huge post gives the render worker (these grammars highlight
/// about 300 KB/s of Rust with fancy-regex).
pub const BUDGET: usize = 256 << 10;

struct Grammars {
    syntaxes: SyntaxSet,
    /// Scope selectors to token kinds: each kind's "colour" is its index.
    scopes: Scopes,
}

static GRAMMARS: OnceLock<Grammars> = OnceLock::new();

thread_local! {
    static DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Whether renders on the calling thread leave code plain for another
/// thread to highlight (the reader's UI thread), or highlight it now.
pub fn defer(on: bool) {
    DEFERRED.with(|d| d.set(on));
}

fn grammars() -> &'static Grammars {
    GRAMMARS.get_or_init(load)
}

fn load() -> Grammars {
    Grammars {
        syntaxes: two_face::syntax::extra_no_newlines(),
        scopes: scopes(),
    }
}

/// What a stretch of code is, as far as the theme is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    Keyword,
    String,
    Comment,
    Number,
    Function,
    Type,
    Macro,
    Operator,
}

const TOKENS: [Token; 9] = [
    Token::Plain,
    Token::Keyword,
    Token::String,
    Token::Comment,
    Token::Number,
    Token::Function,
    Token::Type,
    Token::Macro,
    Token::Operator,
];

/// TextMate scope selectors per token kind; syntect picks the most
/// specific match, so `keyword.operator` wins over `keyword`.
const SELECTORS: &[(Token, &str)] = &[
    (Token::Comment, "comment, punctuation.definition.comment"),
    (
        Token::String,
        "string, constant.character, punctuation.definition.string",
    ),
    (
        Token::Number,
        "constant.numeric, constant.language, constant.other",
    ),
    (Token::Keyword, "keyword, storage, variable.language"),
    (Token::Operator, "keyword.operator, punctuation.accessor"),
    (
        Token::Function,
        "entity.name.function, support.function, variable.function, meta.function-call.identifier",
    ),
    (
        Token::Type,
        "entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, \
         entity.name.trait, entity.name.interface, entity.other.inherited-class, \
         support.type, support.class, storage.type.numeric, storage.type.primitive",
    ),
    (
        Token::Macro,
        "support.macro, entity.name.macro, meta.attribute, meta.annotation, \
         meta.decorator, entity.name.function.decorator, keyword.other.preprocessor, \
         meta.preprocessor",
    ),
];

fn index_color(i: u8) -> Color {
    Color {
        r: i,
        g: 0,
        b: 0,
        a: 0xff,
    }
}

fn scopes() -> Scopes {
    let scopes = SELECTORS
        .iter()
        .filter_map(|&(token, sel)| {
            let i = TOKENS.iter().position(|&t| t == token)? as u8;
            Some(ThemeItem {
                scope: sel.parse::<ScopeSelectors>().ok()?,
                style: StyleModifier {
                    foreground: Some(index_color(i)),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    Scopes {
        settings: ThemeSettings {
            foreground: Some(index_color(0)),
            ..ThemeSettings::default()
        },
        scopes,
        ..Scopes::default()
    }
}

/// The grammar for a fenced block's info string (```` ```rust ````,
/// ```` ```py ````, ```` ```c++ {.numbers} ````, ```` ```{python} ````): the
/// first word, by name or file extension.
fn syntax<'g>(g: &'g Grammars, info: &str) -> Option<&'g SyntaxReference> {
    let word = info
        .trim()
        .trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()?
        .trim_start_matches('.');
    if word.is_empty() || word.len() > 40 {
        return None;
    }
    let s = g.syntaxes.find_syntax_by_token(word)?;
    (s.name != "Plain Text").then_some(s)
}

impl Theme {
    pub fn token(&self, t: Token) -> Style {
        match t {
            Token::Plain => Style::new(),
            Token::Keyword => self.code_keyword,
            Token::String => self.code_string,
            Token::Comment => self.code_comment,
            Token::Number => self.code_number,
            Token::Function => self.code_function,
            Token::Type => self.code_type,
            Token::Macro => self.code_macro,
            Token::Operator => self.code_operator,
        }
    }

    /// Whether highlighting would show at all (not with every token style
    /// empty), so the grammars are not loaded for nothing.
    fn highlights(&self) -> bool {
        TOKENS.iter().any(|&t| self.token(t) != Style::new())
    }
}

/// What highlighting a block gave: per line, the token runs as (end byte,
/// token), covering the line. Lines past `lines.len()` are plain.
pub struct Highlighted {
    pub lines: Vec<Vec<(usize, Token)>>,
}

pub enum Outcome {
    /// No grammar for this language, or no colour to show: plain code.
    Plain,
    /// Deferred on this thread: plain for now, highlighted elsewhere.
    NotYet,
    Done(Highlighted),
}

/// Highlights already-sanitized `lines` of a block fenced with `info`,
/// spending at most `budget` bytes (taken from it).
pub fn highlight(info: &str, lines: &[String], theme: &Theme, budget: &mut usize) -> Outcome {
    if info.trim().is_empty() || !theme.highlights() || *budget == 0 {
        return Outcome::Plain;
    }
    if DEFERRED.with(Cell::get) {
        // Without the grammars, any language might be known.
        return match GRAMMARS.get() {
            Some(g) if syntax(g, info).is_none() => Outcome::Plain,
            _ => Outcome::NotYet,
        };
    }
    let g = grammars();
    let Some(syntax) = syntax(g, info) else {
        return Outcome::Plain;
    };
    let mut h = HighlightLines::new(syntax, &g.scopes);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.len() > MAX_LINE || line.len() > *budget {
            break;
        }
        let Ok(regions) = h.highlight_line(line, &g.syntaxes) else {
            // A grammar's regex gave up (fancy-regex's backtracking limit).
            break;
        };
        *budget -= line.len();
        let mut runs: Vec<(usize, Token)> = Vec::with_capacity(regions.len());
        let mut end = 0;
        for (style, text) in regions {
            end += text.len();
            let token = TOKENS
                .get(style.foreground.r as usize)
                .copied()
                .unwrap_or(Token::Plain);
            match runs.last_mut() {
                Some(last) if last.1 == token => last.0 = end,
                _ => runs.push((end, token)),
            }
        }
        out.push(runs);
    }
    Outcome::Done(Highlighted { lines: out })
}
