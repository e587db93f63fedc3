//! `scheduleflow`: the engine's command line.

fn main() {
    println!("scheduleflow {}", scheduleflow_engine::VERSION);
}
