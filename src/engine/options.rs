//! The options the engine models, with the values Vim has under the contract
//! (`vim -u NONE -N`: Vim's compiled-in defaults with 'nocompatible'), and `:set` over them
//! (Vim's `do_set()` in option.c).
//!
//! Commands read their option here rather than assuming a default, so `:set` (the ex command
//! line) changes behaviour in one place. Three kinds of option are known to `:set`:
//! - modelled ones ([`Options`]): any value;
//! - fixed ones ([`FIXED`]): the engine's code assumes Vim's default everywhere (a shift of 8,
//!   a tab of 8 cells, no autoindent ...), so `:set` may name them only to keep that value;
//! - display-only ones ([`DISPLAY_ONLY`]): they change what the screen shows and never the text
//!   or a cursor position, so any value is accepted and ignored.
//!
//! Any other option is refused by name, never guessed.

/// Option values for one editor (buffer- and window-local ones included: there is one of each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// 'ignorecase': patterns ignore case.
    pub ignorecase: bool,
    /// 'smartcase': an upper-case letter in a typed pattern overrides 'ignorecase'.
    pub smartcase: bool,
    /// 'wrapscan': searches wrap around the end of the file.
    pub wrapscan: bool,
    /// 'magic': the magic level of patterns (`\m` when set, `\M` when not).
    pub magic: bool,
    /// 'gdefault': `:s` replaces every match in a line unless `g` is given.
    pub gdefault: bool,
    /// 'incsearch': while a pattern is typed the cursor shows the match, and is put back when
    /// the command line ends (no result changes); what it changes on the command line
    /// (`<C-g>`, `<C-t>`, `<C-l>`, and `<C-r><C-w>` skipping the word typed so far) is refused.
    pub incsearch: bool,
    /// 'keymodel' as typed: `startsel` makes the shifted arrow, Home and End keys start a
    /// selection, `stopsel` makes the unshifted special keys end one.
    pub keymodel: String,
    /// 'selectmode' as typed: `key` makes those keys start Select mode rather than Visual
    /// mode, `cmd` makes `v`, `V`, `<C-v>` and `gv` start it (`mouse` changes nothing typed).
    pub selectmode: String,
    /// 'whichwrap' as `:set` left it: each flag is a character (see [`Options::wraps`]).
    /// Borrowed while it has the default, so that making an editor allocates nothing for it.
    pub whichwrap: std::borrow::Cow<'static, str>,
    /// 'startofline': commands that go to another line (`G`, `H`, `<C-d>`, `dd`, `:N`, `u`
    /// ...) put the cursor on its first non-blank; without it they keep the wanted column
    /// (Vim's `beginline(BL_SOL)` and `do_pending_operator()`'s `old_col`).
    pub startofline: bool,
    /// 'textwidth': `gq` breaks lines longer than this (79 when 0); in Insert mode a
    /// character typed past it would break the line, which the engine refuses.
    pub textwidth: usize,
}

impl Options {
    /// Vim's `km_startsel`: 'keymodel' has an `a` (only `startsel` has one).
    pub(crate) fn start_select_keys(&self) -> bool {
        self.keymodel.contains('a')
    }

    /// Vim's `km_stopsel`: 'keymodel' has an `o` (only `stopsel` has one).
    pub(crate) fn stop_select_keys(&self) -> bool {
        self.keymodel.contains('o')
    }

    /// `vim_strchr(p_slm, c)` of `may_start_select()`: `k` for the keys of 'keymodel', `c` for
    /// the Visual-mode commands.
    pub(crate) fn select_mode_has(&self, c: char) -> bool {
        self.selectmode.contains(c)
    }

    /// `vim_strchr(p_ww, flag)`: the key of `flag` moves on to the next or previous line at
    /// the end of one (`b` `<BS>`, `s` `<Space>`, `h`, `l`, `<` and `>` the arrows in Normal and
    /// Visual mode, `[` and `]` the arrows in Insert mode, `~` the `~` command).
    pub(crate) fn wraps(&self, flag: char) -> bool {
        self.whichwrap.contains(flag)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ignorecase: false,
            smartcase: false,
            wrapscan: true,
            magic: true,
            gdefault: false,
            incsearch: false,
            keymodel: String::new(),
            selectmode: String::new(),
            whichwrap: std::borrow::Cow::Borrowed("b,s"),
            textwidth: 0,
            startofline: true,
        }
    }
}

/// An option's value as `:set` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Bool(bool),
    Number(i64),
    Text(&'static str),
}

/// Where an option lives: `:setglobal` of a buffer- or window-local option leaves the value
/// the one buffer and window use alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Global,
    Local,
}

/// An option the engine holds at one value.
pub(crate) struct Fixed {
    pub name: &'static str,
    pub short: &'static str,
    pub value: Value,
    pub scope: Scope,
}

const fn fixed(name: &'static str, short: &'static str, value: Value, scope: Scope) -> Fixed {
    Fixed { name, short, value, scope }
}

/// Options whose default the engine's code assumes (optiondefs.h, Vim defaults).
pub(crate) static FIXED: &[Fixed] = &[
    fixed("shiftwidth", "sw", Value::Number(8), Scope::Local),
    fixed("tabstop", "ts", Value::Number(8), Scope::Local),
    fixed("softtabstop", "sts", Value::Number(0), Scope::Local),
    fixed("expandtab", "et", Value::Bool(false), Scope::Local),
    fixed("autoindent", "ai", Value::Bool(false), Scope::Local),
    fixed("smartindent", "si", Value::Bool(false), Scope::Local),
    fixed("cindent", "cin", Value::Bool(false), Scope::Local),
    fixed("wrapmargin", "wm", Value::Number(0), Scope::Local),
    fixed("iskeyword", "isk", Value::Text("@,48-57,_,192-255"), Scope::Local),
    fixed("nrformats", "nf", Value::Text("bin,octal,hex"), Scope::Local),
    fixed("joinspaces", "js", Value::Bool(true), Scope::Global),
    fixed("backspace", "bs", Value::Text(""), Scope::Global),
    fixed("shiftround", "sr", Value::Bool(false), Scope::Global),
    fixed("smarttab", "sta", Value::Bool(false), Scope::Global),
    fixed("tildeop", "top", Value::Bool(false), Scope::Global),
    fixed("report", "", Value::Number(2), Scope::Global),
    fixed("number", "nu", Value::Bool(false), Scope::Local),
    fixed("relativenumber", "rnu", Value::Bool(false), Scope::Local),
    fixed("list", "", Value::Bool(false), Scope::Local),
    fixed("wrap", "", Value::Bool(true), Scope::Local),
    fixed("virtualedit", "ve", Value::Text(""), Scope::Global),
    fixed("selection", "sel", Value::Text("inclusive"), Scope::Global),
    fixed("edcompatible", "ed", Value::Bool(false), Scope::Global),
];

/// Options that only change what the screen shows (highlighting, the ruler, the mode
/// message): no text, cursor or message the contract sees depends on them.
pub(crate) static DISPLAY_ONLY: &[(&str, &str)] =
    &[("hlsearch", "hls"), ("ruler", "ru"), ("showmode", "smd"), ("showmatch", "sm"), ("cursorline", "cul")];

/// A modelled option: its names and where its value is held.
pub(crate) struct Modelled {
    pub name: &'static str,
    pub short: &'static str,
    pub slot: fn(&mut Options) -> &mut bool,
}

/// The options `:set` changes for real (all boolean and global).
pub(crate) static MODELLED: &[Modelled] = &[
    Modelled { name: "ignorecase", short: "ic", slot: |o| &mut o.ignorecase },
    Modelled { name: "smartcase", short: "scs", slot: |o| &mut o.smartcase },
    Modelled { name: "wrapscan", short: "ws", slot: |o| &mut o.wrapscan },
    Modelled { name: "magic", short: "", slot: |o| &mut o.magic },
    Modelled { name: "gdefault", short: "gd", slot: |o| &mut o.gdefault },
    Modelled { name: "incsearch", short: "is", slot: |o| &mut o.incsearch },
    Modelled { name: "startofline", short: "sol", slot: |o| &mut o.startofline },
];

/// A modelled number option (buffer-local: `:setglobal` would leave the one buffer's value).
pub(crate) struct ModelledNumber {
    pub name: &'static str,
    pub short: &'static str,
    pub slot: fn(&mut Options) -> &mut usize,
}

pub(crate) static MODELLED_NUMBERS: &[ModelledNumber] = &[ModelledNumber { name: "textwidth", short: "tw", slot: |o| &mut o.textwidth }];

/// The modelled number option called `name`.
pub(crate) fn modelled_number(name: &str) -> Option<&'static ModelledNumber> {
    MODELLED_NUMBERS.iter().find(|m| named(name, m.name, m.short))
}

/// A modelled list option: comma-separated words from a fixed set, held as typed (both are
/// global, `P_ONECOMMA|P_NODUP` in optiondefs.h).
pub(crate) struct ModelledList {
    pub name: &'static str,
    pub short: &'static str,
    /// The words Vim accepts (`p_km_values`, `p_slm_values` in optionstr.c).
    pub words: &'static [&'static str],
    pub slot: fn(&mut Options) -> &mut String,
}

pub(crate) static MODELLED_LISTS: &[ModelledList] = &[
    ModelledList { name: "keymodel", short: "km", words: &["startsel", "stopsel"], slot: |o| &mut o.keymodel },
    ModelledList { name: "selectmode", short: "slm", words: &["mouse", "key", "cmd"], slot: |o| &mut o.selectmode },
];

/// A modelled flag list (`P_FLAGLIST`): one character per flag, commas allowed between them.
pub(crate) struct ModelledFlags {
    pub name: &'static str,
    pub short: &'static str,
    /// Every character the value may hold (`WW_ALL` in option.h).
    pub flags: &'static str,
    pub default: &'static str,
    pub slot: fn(&mut Options) -> &mut std::borrow::Cow<'static, str>,
}

pub(crate) static MODELLED_FLAGS: &[ModelledFlags] =
    &[ModelledFlags { name: "whichwrap", short: "ww", flags: "bshl<>[],~", default: "b,s", slot: |o| &mut o.whichwrap }];

/// The modelled flag list called `name`.
pub(crate) fn modelled_flags(name: &str) -> Option<&'static ModelledFlags> {
    MODELLED_FLAGS.iter().find(|m| named(name, m.name, m.short))
}

/// Why a flag list was not set.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FlagsError {
    /// `E539: Illegal character <c>` (did_set_option_listflag()); the old value stays.
    Illegal(char),
    /// A form the engine does not evaluate.
    Unsupported,
}

/// The new value of a 'whichwrap'-like flag list after `=`, `+=`, `^=` or `-=` (Vim's
/// `stropt_get_newval()` for a `P_ONECOMMA|P_FLAGLIST` option without `P_NODUP`): a value
/// starting with a digit is the old number form (`opt_whichwrap_nr2str()`); `+=` and `^=`
/// join with a comma, `-=` takes out an item between commas; then a flag followed by a comma
/// and found again later is dropped with its comma (`stropt_remove_dupflags()`), and every
/// character must be a flag.
pub(crate) fn set_flags(list: &ModelledFlags, old: &str, op: Option<ListOp>, typed: &str) -> Result<String, FlagsError> {
    let numbered;
    let typed = if typed.starts_with(|c: char| c.is_ascii_digit()) {
        if !typed.bytes().all(|b| b.is_ascii_digit()) || typed.len() > 9 {
            return Err(FlagsError::Unsupported);
        }
        let n: u32 = typed.parse().map_err(|_| FlagsError::Unsupported)?;
        let parts: Vec<&str> = [(1, "b"), (2, "s"), (4, "h,l"), (8, "<,>"), (16, "[,]")].iter().filter(|(bit, _)| n & bit != 0).map(|(_, s)| *s).collect();
        numbered = parts.join(",");
        numbered.as_str()
    } else {
        typed
    };
    if !typed.chars().all(|c| c.is_ascii_graphic()) {
        return Err(FlagsError::Unsupported);
    }
    let mut value = match op {
        None => typed.to_string(),
        Some(op @ (ListOp::Add | ListOp::Prepend)) => {
            // stropt_concat_with_comma(): no second comma after a trailing one.
            let comma = !old.is_empty() && !typed.is_empty();
            match op {
                ListOp::Add => {
                    let head = if comma && old.len() > 1 && old.ends_with(',') { &old[..old.len() - 1] } else { old };
                    format!("{head}{}{typed}", if comma { "," } else { "" })
                }
                _ => format!("{typed}{}{old}", if comma { "," } else { "" }),
            }
        }
        Some(ListOp::Remove) => {
            // find_dup_item() with P_COMMA, then stropt_remove_val().
            let at = (0..=old.len().saturating_sub(typed.len())).find(|&i| {
                (i == 0 || old.as_bytes()[i - 1] == b',')
                    && old[i..].starts_with(typed)
                    && matches!(old.as_bytes().get(i + typed.len()), None | Some(b','))
            });
            match at {
                Some(i) if i < old.len() => {
                    let (start, end) = if i == 0 {
                        (0, if old.as_bytes().get(typed.len()) == Some(&b',') { typed.len() + 1 } else { typed.len() })
                    } else {
                        (i - 1, i + typed.len())
                    };
                    format!("{}{}", &old[..start], &old[end..])
                }
                _ => old.to_string(),
            }
        }
    };
    let mut i = 0;
    while i < value.len() {
        let b = value.as_bytes();
        if b[i] != b',' && b.get(i + 1) == Some(&b',') && value[i + 2..].contains(b[i] as char) {
            value.replace_range(i..i + 2, "");
            continue;
        }
        i += 1;
    }
    match value.chars().find(|c| !list.flags.contains(*c)) {
        Some(c) => Err(FlagsError::Illegal(c)),
        None => Ok(value),
    }
}

/// The modelled list option called `name`.
pub(crate) fn modelled_list(name: &str) -> Option<&'static ModelledList> {
    MODELLED_LISTS.iter().find(|m| named(name, m.name, m.short))
}

/// Vim's `check_opt_strings(value, words, TRUE)`: every comma-separated item is one of the
/// words (a trailing comma is allowed, an empty item elsewhere is not).
pub(crate) fn valid_list(value: &str, words: &[&str]) -> bool {
    let mut rest = value;
    while !rest.is_empty() {
        let Some(word) = words.iter().find(|w| rest.starts_with(**w) && matches!(rest.as_bytes().get(w.len()), None | Some(b','))) else {
            return false;
        };
        rest = &rest[word.len()..];
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
    true
}

/// `+=`, `^=` and `-=` on a comma list without duplicates (do_set_string()): adding an item
/// already there changes nothing, removing takes the item and one comma next to it.
pub(crate) fn modify_list(old: &str, op: ListOp, item: &str) -> String {
    let found = (!item.is_empty()).then(|| {
        old.match_indices(item).map(|(i, _)| i).find(|&i| (i == 0 || old.as_bytes()[i - 1] == b',') && matches!(old.as_bytes().get(i + item.len()), None | Some(b',')))
    });
    let found = found.flatten();
    match op {
        ListOp::Add | ListOp::Prepend if found.is_some() || item.is_empty() => old.to_string(),
        ListOp::Add if old.is_empty() => item.to_string(),
        // P_ONECOMMA: no second comma after a trailing one.
        ListOp::Add if old.ends_with(',') => format!("{old}{item}"),
        ListOp::Add => format!("{old},{item}"),
        ListOp::Prepend if old.is_empty() => item.to_string(),
        ListOp::Prepend => format!("{item},{old}"),
        ListOp::Remove => match found {
            None => old.to_string(),
            Some(0) => {
                let end = if old.as_bytes().get(item.len()) == Some(&b',') { item.len() + 1 } else { item.len() };
                old[end..].to_string()
            }
            Some(i) => format!("{}{}", &old[..i - 1], &old[i + item.len()..]),
        },
    }
}

/// The operator of `name+=value`, `name^=value`, `name-=value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListOp {
    Add,
    Prepend,
    Remove,
}

fn named(name: &str, full: &str, short: &str) -> bool {
    name == full || (!short.is_empty() && name == short)
}

/// What one `:set` item asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SetItem<'a> {
    /// `name`, `noname`, `invname`, `name!`, `name&`: a boolean set, reset, toggled or reset to
    /// its default (`None` toggles; `Some(None)` is the default).
    Bool { name: &'a str, to: Toggle },
    /// `name=value` / `name:value`.
    Assign { name: &'a str, value: &'a str },
    /// `name&` / `name&vim`: back to the Vim default.
    Default { name: &'a str },
    /// `name?`, or a number or string option named alone: show the value.
    Show { name: &'a str },
    /// `name+=value`, `name^=value`, `name-=value`.
    Modify { name: &'a str, op: ListOp, value: &'a str },
    /// `&vi`, `all` and other forms the engine does not evaluate.
    Other { name: &'a str },
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) enum Toggle {
    On,
    Off,
    Invert,
}

/// Split one `:set` item (Vim's do_set() loop body, the parts the engine evaluates).
pub(crate) fn parse_item(item: &str) -> SetItem<'_> {
    let name_len = item.len() - item.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_').len();
    let (name, rest) = item.split_at(name_len);
    match rest {
        "" => {
            if let Some(n) = name.strip_prefix("no").filter(|n| is_bool(n)) {
                SetItem::Bool { name: n, to: Toggle::Off }
            } else if let Some(n) = name.strip_prefix("inv").filter(|n| is_bool(n)) {
                SetItem::Bool { name: n, to: Toggle::Invert }
            } else if is_bool(name) {
                SetItem::Bool { name, to: Toggle::On }
            } else {
                SetItem::Show { name }
            }
        }
        "!" if is_bool(name) => SetItem::Bool { name, to: Toggle::Invert },
        "?" => SetItem::Show { name },
        "&" | "&vim" => SetItem::Default { name },
        _ if rest.starts_with(['=', ':']) => SetItem::Assign { name, value: &rest[1..] },
        _ => {
            let op = match rest.as_bytes() {
                [b'+', b'=' | b':', ..] => ListOp::Add,
                [b'^', b'=' | b':', ..] => ListOp::Prepend,
                [b'-', b'=' | b':', ..] => ListOp::Remove,
                _ => return SetItem::Other { name },
            };
            SetItem::Modify { name, op, value: &rest[2..] }
        }
    }
}

/// Whether `name` is a boolean option the engine knows.
fn is_bool(name: &str) -> bool {
    MODELLED.iter().any(|m| named(name, m.name, m.short))
        || FIXED.iter().any(|f| matches!(f.value, Value::Bool(_)) && named(name, f.name, f.short))
        || DISPLAY_ONLY.iter().any(|&(n, s)| named(name, n, s))
}

/// The modelled option called `name`.
pub(crate) fn modelled(name: &str) -> Option<&'static Modelled> {
    MODELLED.iter().find(|m| named(name, m.name, m.short))
}

/// The fixed option called `name`.
pub(crate) fn fixed_option(name: &str) -> Option<&'static Fixed> {
    FIXED.iter().find(|f| named(name, f.name, f.short))
}

/// Whether `name` is a display-only option.
pub(crate) fn display_only(name: &str) -> bool {
    DISPLAY_ONLY.iter().any(|&(n, s)| named(name, n, s))
}

/// Whether `value` typed after `name=` is the fixed option's value (numbers as Vim reads
/// them: decimal digits only; strings exactly).
pub(crate) fn same_value(fixed: &Fixed, value: &str) -> bool {
    match fixed.value {
        Value::Number(n) => value.parse::<i64>().is_ok_and(|v| v == n) && value.bytes().all(|b| b.is_ascii_digit()),
        Value::Text(t) => value == t,
        Value::Bool(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_split_as_do_set_does() {
        assert_eq!(parse_item("noic"), SetItem::Bool { name: "ic", to: Toggle::Off });
        assert_eq!(parse_item("invws"), SetItem::Bool { name: "ws", to: Toggle::Invert });
        assert_eq!(parse_item("et!"), SetItem::Bool { name: "et", to: Toggle::Invert });
        assert_eq!(parse_item("sw=8"), SetItem::Assign { name: "sw", value: "8" });
        assert_eq!(parse_item("sw"), SetItem::Show { name: "sw" });
        assert_eq!(parse_item("ts&"), SetItem::Default { name: "ts" });
        assert_eq!(parse_item("isk+=-"), SetItem::Modify { name: "isk", op: ListOp::Add, value: "-" });
        assert_eq!(parse_item("ts&vi"), SetItem::Other { name: "ts" });
        // `nonumber` is `number` reset, `nf` is not `f` reset.
        assert_eq!(parse_item("nonu"), SetItem::Bool { name: "nu", to: Toggle::Off });
        assert_eq!(parse_item("nf"), SetItem::Show { name: "nf" });
    }

    #[test]
    fn list_values_are_checked_as_check_opt_strings_does() {
        let words = &["startsel", "stopsel"];
        assert!(valid_list("", words));
        assert!(valid_list("startsel,stopsel", words));
        assert!(valid_list("stopsel,stopsel", words));
        assert!(valid_list("startsel,", words));
        assert!(!valid_list(",startsel", words));
        assert!(!valid_list("startsel,,stopsel", words));
        assert!(!valid_list("stopselect", words));
        assert!(!valid_list("start", words));
    }

    #[test]
    fn list_items_are_added_and_removed_once() {
        assert_eq!(modify_list("", ListOp::Add, "key"), "key");
        assert_eq!(modify_list("mouse", ListOp::Add, "key"), "mouse,key");
        assert_eq!(modify_list("mouse,key", ListOp::Add, "key"), "mouse,key");
        assert_eq!(modify_list("mouse", ListOp::Prepend, "key"), "key,mouse");
        assert_eq!(modify_list("mouse,key,cmd", ListOp::Remove, "key"), "mouse,cmd");
        assert_eq!(modify_list("key,cmd", ListOp::Remove, "key"), "cmd");
        assert_eq!(modify_list("cmd,key", ListOp::Remove, "key"), "cmd");
        assert_eq!(modify_list("cmd", ListOp::Remove, "key"), "cmd");
        // Only whole items count: `ke` is not in `key`.
        assert_eq!(modify_list("key", ListOp::Add, "ke"), "key,ke");
    }

    #[test]
    fn flag_lists_are_set_as_do_set_does() {
        let ww = modelled_flags("ww").expect("whichwrap is modelled");
        let set = |old: &str, op: Option<ListOp>, typed: &str| set_flags(ww, old, op, typed);
        assert_eq!(set("b,s", None, "h,l"), Ok("h,l".into()));
        // The old numbers: 4 is h and l, 24 the arrows of both modes.
        assert_eq!(set("b,s", None, "24"), Ok("<,>,[,]".into()));
        assert_eq!(set("b,s", None, "0"), Ok("".into()));
        assert_eq!(set("b,s", Some(ListOp::Add), "4"), Ok("b,s,h,l".into()));
        // A flag followed by a comma and found again later goes, with its comma.
        assert_eq!(set("b,s", Some(ListOp::Add), "b"), Ok("s,b".into()));
        assert_eq!(set("", None, "h,h,l"), Ok("h,l".into()));
        assert_eq!(set("", None, "hh"), Ok("hh".into()));
        assert_eq!(set("b,s", Some(ListOp::Prepend), "~"), Ok("~,b,s".into()));
        assert_eq!(set("b,", Some(ListOp::Add), "l"), Ok("b,l".into()));
        // `-=` takes out a whole item between commas, and nothing else.
        assert_eq!(set("b,s", Some(ListOp::Remove), "s"), Ok("b".into()));
        assert_eq!(set("b,s,h", Some(ListOp::Remove), "b"), Ok("s,h".into()));
        assert_eq!(set("b,s", Some(ListOp::Remove), "b,s"), Ok("".into()));
        assert_eq!(set("bs", Some(ListOp::Remove), "s"), Ok("bs".into()));
        assert_eq!(set("b,s", None, "x"), Err(FlagsError::Illegal('x')));
        assert_eq!(set("b,s", None, "3x"), Err(FlagsError::Unsupported));
    }

    #[test]
    fn fixed_values_compare_as_typed() {
        let sw = fixed_option("sw").expect("sw is fixed");
        assert!(same_value(sw, "8"));
        assert!(!same_value(sw, "4"));
        assert!(!same_value(sw, "+8"));
        let nf = fixed_option("nrformats").expect("nf is fixed");
        assert!(same_value(nf, "bin,octal,hex"));
        assert!(!same_value(nf, "alpha"));
    }
}
