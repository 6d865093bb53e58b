fn main() {
    let args: Vec<String> = std::env::args().collect();
    let keys = vimdata::keys::parse_notation(&args[2]);
    let r = vimdata::oracle::run_vim(args[1].replace("\\n", "\n").as_bytes(), &keys);
    match r {
        Ok(run) => print!("{}", String::from_utf8_lossy(&run.output)),
        Err(e) => println!("ERR {e}"),
    }
}
