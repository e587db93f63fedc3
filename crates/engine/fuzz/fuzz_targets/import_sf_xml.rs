//! Fuzzes the sf-xml importer (and the exporter on whatever it accepts).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run(data, scheduleflow_engine::format::Format::SfXml));
