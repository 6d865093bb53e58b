//! Developer check: `cargo run --example vimrun -- SOURCE KEYS` prints real Vim's and the
//! emulator's results for one program (`\n` in SOURCE is a newline).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(source), Some(keys)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: vimrun SOURCE KEYS");
        std::process::exit(2);
    };
    let source = source.replace("\\n", "\n");
    let keys = vimdata::keys::parse_notation(keys);
    match vimdata::oracle::run_vim(source.as_bytes(), &keys) {
        Ok(run) => println!("vim: {:?}", String::from_utf8_lossy(&run.output)),
        Err(e) => println!("vim: ERR {e}"),
    }
    match vimdata::apply(source.as_bytes(), &keys) {
        Ok(out) => println!("emu: {:?}", String::from_utf8_lossy(&out)),
        Err(e) => println!("emu: ERR {e}"),
    }
}
