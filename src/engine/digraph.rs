//! Digraphs (`digraph.c`): `CTRL-K {char1} {char2}` in Insert and Replace mode, on the
//! command line and as the character of `f F t T r gr`, from the pairs `:digraphs` defined
//! and then Vim's default table ([`super::digraph_table`]).

use super::digraph_table::DEFAULT_DIGRAPHS;

/// A pair defined by `:digraphs`, newest definition in place of an older one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UserDigraph {
    pub char1: u8,
    pub char2: u8,
    pub result: i64,
}

/// `registerdigraph()`: a pair defined again gets the new result.
pub(crate) fn register(user: &mut Vec<UserDigraph>, char1: u8, char2: u8, result: i64) {
    match user.iter_mut().find(|d| d.char1 == char1 && d.char2 == char2) {
        Some(d) => d.result = result,
        None => user.push(UserDigraph { char1, char2, result }),
    }
}

/// `getexactdigraph(char1, char2, TRUE)`: the user's pair, else the default one; not found
/// (or a result of 0) gives `char2`, or after a space `char2` with the high bit set.
fn exact(user: &[UserDigraph], char1: u32, char2: u32) -> i64 {
    let matches = |a: u8, b: u8| a as u32 == char1 && b as u32 == char2;
    let mut result = user.iter().find(|d| matches(d.char1, d.char2)).map_or(0, |d| d.result);
    if result == 0 {
        result = DEFAULT_DIGRAPHS.iter().find(|&&(a, b, _)| matches(a, b)).map_or(0, |&(_, _, r)| r as i64);
    }
    if result == 0 {
        if char1 == ' ' as u32 {
            return (char2 | 0x80) as i64;
        }
        return char2 as i64;
    }
    result
}

/// `digraph_get()`: the pair either way round; `None` when the result is not a character.
pub(crate) fn get(user: &[UserDigraph], char1: char, char2: char) -> Option<char> {
    let (c1, c2) = (char1 as u32, char2 as u32);
    let mut result = exact(user, c1, c2);
    if result == c2 as i64 && c1 != c2 {
        result = exact(user, c2, c1);
        if result == c1 as i64 {
            result = c2 as i64;
        }
    }
    u32::try_from(result).ok().and_then(char::from_u32)
}

/// A digraph result the engine types as any other character: not a control character (Vim
/// would type a NUL for a line break) and not a composing one.
pub(crate) fn typable(c: char) -> bool {
    !c.is_control() && !super::chars::may_be_composing(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_found_either_way_round() {
        assert_eq!(get(&[], 'e', '\''), Some('é'));
        assert_eq!(get(&[], '\'', 'e'), Some('é'));
        assert_eq!(get(&[], 'a', '*'), Some('α'));
        assert_eq!(get(&[], 'E', 'u'), Some('€'));
        // Not a digraph: the second character.
        assert_eq!(get(&[], 'q', 'q'), Some('q'));
        assert_eq!(get(&[], 'q', 'z'), Some('z'));
        // A space and a character: the character with the high bit set.
        assert_eq!(get(&[], ' ', 'a'), Some('á'));
        assert_eq!(get(&[], 'a', ' '), Some('á'));
    }

    #[test]
    fn user_pairs_come_first() {
        let mut user = Vec::new();
        register(&mut user, b'e', b'\'', 0x263a);
        assert_eq!(get(&user, 'e', '\''), Some('☺'));
        register(&mut user, b'e', b'\'', 0x41);
        assert_eq!(get(&user, 'e', '\''), Some('A'));
        // A result of 0 falls back to the default table.
        register(&mut user, b'a', b'*', 0);
        assert_eq!(get(&user, 'a', '*'), Some('α'));
    }
}
