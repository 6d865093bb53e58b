" Dump Vim's case mapping of every character from U+0080 (toupper() and tolower(), which use
" Vim's internal tables under the default casemap=internal,keepascii) for src/engine/casemap.rs:
"   vim -u NONE -N -i NONE -n -es -c "set enc=utf-8" -S scripts/vim_case_table.vim
"   python3 scripts/casemap_rs.py /tmp/vim_case_table.txt > src/engine/casemap_table.rs
let out = []
for c in range(0x80, 0x1ffff)
  if c >= 0xd800 && c <= 0xdfff
    continue
  endif
  let s = nr2char(c)
  let u = char2nr(toupper(s))
  let l = char2nr(tolower(s))
  if u != c || l != c
    call add(out, printf('%x %x %x', c, u, l))
  endif
endfor
call writefile(out, '/tmp/vim_case_table.txt')
qa!
