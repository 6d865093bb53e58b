//! Every lowercase ex command name Vim 9.0.1378 knows, in the order of its `ex_cmds.h`
//! (extracted with `re.findall(r'EXCMD\(\s*CMD_\w+\s*,\s*"([^"]*)"', ex_cmds.h)`). The
//! engine runs only the commands in [`super::table`]; this list tells a name Vim does not
//! know at all (E492, "Not an editor command", which the engine gives) from one it knows and
//! the engine refuses.

/// The names, in Vim's lookup order.
static NAMES: &[&str] = &[
    "append", "abbreviate", "abclear", "aboveleft", "abstract", "all", "amenu", "anoremenu", "args",
    "argadd", "argdelete", "argdo", "argdedupe", "argedit", "argglobal", "arglocal", "argument",
    "ascii", "autocmd", "augroup", "aunmenu", "buffer", "bNext", "ball", "badd", "balt", "bdelete",
    "behave", "belowright", "bfirst", "blast", "bmodified", "bnext", "botright", "bprevious",
    "brewind", "break", "breakadd", "breakdel", "breaklist", "browse", "buffers", "bufdo",
    "bunload", "bwipeout", "change", "cNext", "cNfile", "cabbrev", "cabclear", "cabove",
    "caddbuffer", "caddexpr", "caddfile", "cafter", "call", "catch", "cbuffer", "cbefore", "cbelow",
    "cbottom", "cc", "cclose", "cd", "cdo", "center", "cexpr", "cfile", "cfdo", "cfirst",
    "cgetfile", "cgetbuffer", "cgetexpr", "chdir", "changes", "checkpath", "checktime", "chistory",
    "clist", "clast", "class", "close", "clearjumps", "cmap", "cmapclear", "cmenu", "cnext",
    "cnewer", "cnfile", "cnoremap", "cnoreabbrev", "cnoremenu", "copy", "colder", "colorscheme",
    "command", "comclear", "compiler", "continue", "confirm", "const", "copen", "cprevious",
    "cpfile", "cquit", "crewind", "cscope", "cstag", "cunmap", "cunabbrev", "cunmenu", "cwindow",
    "delete", "delmarks", "debug", "debuggreedy", "def", "defcompile", "defer", "delcommand",
    "delfunction", "display", "diffupdate", "diffget", "diffoff", "diffpatch", "diffput",
    "diffsplit", "diffthis", "digraphs", "disassemble", "djump", "dlist", "doautocmd", "doautoall",
    "drop", "dsearch", "dsplit", "edit", "earlier", "echo", "echoerr", "echohl", "echomsg",
    "echoconsole", "echon", "echowindow", "else", "elseif", "emenu", "endif", "endinterface",
    "endclass", "enddef", "endenum", "endfunction", "endfor", "endtry", "endwhile", "enew", "enum",
    "eval", "ex", "execute", "exit", "export", "exusage", "file", "files", "filetype", "filter",
    "find", "final", "finally", "finish", "first", "fixdel", "fold", "foldclose", "folddoopen",
    "folddoclosed", "foldopen", "for", "function", "global", "goto", "grep", "grepadd", "gui",
    "gvim", "help", "helpclose", "helpfind", "helpgrep", "helptags", "hardcopy", "highlight",
    "hide", "history", "horizontal", "insert", "iabbrev", "iabclear", "if", "ijump", "ilist",
    "imap", "imapclear", "imenu", "import", "inoremap", "inoreabbrev", "inoremenu", "intro",
    "interface", "isearch", "isplit", "iunmap", "iunabbrev", "iunmenu", "join", "jumps", "k",
    "keepmarks", "keepjumps", "keeppatterns", "keepalt", "list", "lNext", "lNfile", "last",
    "labove", "language", "laddexpr", "laddbuffer", "laddfile", "lafter", "later", "lbuffer",
    "lbefore", "lbelow", "lbottom", "lcd", "lchdir", "lclose", "lcscope", "ldo", "left",
    "leftabove", "let", "lexpr", "legacy", "lfile", "lfdo", "lfirst", "lgetfile", "lgetbuffer",
    "lgetexpr", "lgrep", "lgrepadd", "lhelpgrep", "lhistory", "ll", "llast", "llist", "lmap",
    "lmapclear", "lmake", "lnoremap", "lnext", "lnewer", "lnfile", "loadview", "loadkeymap",
    "lockmarks", "lockvar", "lolder", "lopen", "lprevious", "lpfile", "lrewind", "ltag", "lunmap",
    "lua", "luado", "luafile", "lvimgrep", "lvimgrepadd", "lwindow", "ls", "move", "mark", "make",
    "map", "mapclear", "marks", "match", "menu", "menutranslate", "messages", "mkexrc", "mksession",
    "mkspell", "mkvimrc", "mkview", "mode", "mzscheme", "mzfile", "next", "nbkey", "nbclose",
    "nbstart", "new", "nmap", "nmapclear", "nmenu", "nnoremap", "nnoremenu", "noremap", "noautocmd",
    "nohlsearch", "noreabbrev", "noremenu", "noswapfile", "normal", "number", "nunmap", "nunmenu",
    "open", "oldfiles", "omap", "omapclear", "omenu", "only", "onoremap", "onoremenu", "options",
    "ounmap", "ounmenu", "ownsyntax", "print", "packadd", "packloadall", "pclose", "perl", "perldo",
    "pedit", "pop", "popup", "ppop", "preserve", "previous", "promptfind", "promptrepl", "profile",
    "profdel", "psearch", "ptag", "ptNext", "ptfirst", "ptjump", "ptlast", "ptnext", "ptprevious",
    "ptrewind", "ptselect", "put", "public", "pwd", "python", "pydo", "pyfile", "py3", "py3do",
    "python3", "py3file", "pyx", "pyxdo", "pythonx", "pyxfile", "quit", "quitall", "qall", "read",
    "recover", "redo", "redir", "redraw", "redrawstatus", "redrawtabline", "registers", "resize",
    "retab", "return", "rewind", "right", "rightbelow", "runtime", "ruby", "rubydo", "rubyfile",
    "rundo", "rviminfo", "substitute", "sNext", "sargument", "sall", "sandbox", "saveas", "sbuffer",
    "sbNext", "sball", "sbfirst", "sblast", "sbmodified", "sbnext", "sbprevious", "sbrewind",
    "scriptnames", "scriptencoding", "scriptversion", "scscope", "set", "setfiletype", "setglobal",
    "setlocal", "sfind", "sfirst", "shell", "simalt", "sign", "silent", "sleep", "slast", "smagic",
    "smap", "smapclear", "smenu", "snext", "snomagic", "snoremap", "snoremenu", "source", "sort",
    "split", "spellgood", "spelldump", "spellinfo", "spellrepall", "spellrare", "spellundo",
    "spellwrong", "sprevious", "srewind", "stop", "stag", "startinsert", "startgreplace",
    "startreplace", "static", "stopinsert", "stjump", "stselect", "sunhide", "sunmap", "sunmenu",
    "suspend", "sview", "swapname", "syntax", "syntime", "syncbind", "smile", "t", "tNext", "tag",
    "tags", "tab", "tabclose", "tabdo", "tabedit", "tabfind", "tabfirst", "tabmove", "tablast",
    "tabnext", "tabnew", "tabonly", "tabprevious", "tabNext", "tabrewind", "tabs", "tcd", "tchdir",
    "tcl", "tcldo", "tclfile", "tearoff", "terminal", "tfirst", "throw", "this", "tjump", "tlast",
    "tlmenu", "tlnoremenu", "tlunmenu", "tmenu", "tmap", "tmapclear", "tnext", "tnoremap",
    "topleft", "tprevious", "trewind", "try", "tselect", "tunmenu", "tunmap", "type", "undo",
    "undojoin", "undolist", "unabbreviate", "unhide", "unlet", "unlockvar", "unmap", "unmenu",
    "unsilent", "update", "vglobal", "var", "version", "verbose", "vertical", "visual", "view",
    "vimgrep", "vimgrepadd", "vim9cmd", "vim9script", "viusage", "vmap", "vmapclear", "vmenu",
    "vnoremap", "vnew", "vnoremenu", "vsplit", "vunmap", "vunmenu", "write", "wNext", "wall",
    "while", "winsize", "wincmd", "windo", "winpos", "wnext", "wprevious", "wq", "wqall", "wundo",
    "wviminfo", "xit", "xall", "xmap", "xmapclear", "xmenu", "xnoremap", "xnoremenu", "xrestore",
    "xunmap", "xunmenu", "yank", "z",
];

/// Does a typed lowercase name (`find_ex_command()`: the first name in table order that
/// starts with it) name a Vim command?
pub fn vim_knows(typed: &str) -> bool {
    NAMES.iter().any(|name| name.starts_with(typed))
}

/// Vim's `one_letter_cmd()` (legacy script): `:k` followed directly by its argument, and `:s`
/// followed directly by some of its flags, are those commands whatever letters follow.
pub fn one_letter_cmd(p: &str) -> bool {
    let b = p.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    if at(0) == b'k' {
        return true;
    }
    at(0) == b's'
        && ((at(1) == b'c' && (at(2) == 0 || (at(2) != b's' && at(2) != b'r' && (at(3) == 0 || (at(3) != b'i' && at(4) != b'p')))))
            || at(1) == b'g'
            || (at(1) == b'i' && at(2) != b'm' && at(2) != b'l' && at(2) != b'g')
            || at(1) == b'I'
            || (at(1) == b'r' && at(2) != b'e'))
}

/// `:dl`, `:dell`, `:dp` ...: `:delete` with its `l` or `p` flag attached.
pub fn delete_with_flag(typed: &str) -> bool {
    typed.len() >= 2 && typed.starts_with('d') && typed.ends_with(['l', 'p']) && "delete".starts_with(&typed[..typed.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_vim_knows_and_does_not() {
        for typed in ["d", "del", "s", "su", "norm", "retab", "py", "x", "wq", "lua", "pe", "zzz"] {
            assert_eq!(vim_knows(typed), typed != "zzz", "{typed}");
        }
        for typed in ["unx", "rex", "dx", "normalx", "sortx"] {
            assert!(!vim_knows(typed), "{typed}");
        }
        assert!(one_letter_cmd("sg") && one_letter_cmd("sgarbage") && one_letter_cmd("kx") && !one_letter_cmd("sre"));
        assert!(delete_with_flag("dl") && delete_with_flag("delp") && !delete_with_flag("dx"));
    }
}
