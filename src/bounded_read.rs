//! The one way sevdrill reads a file a person handed it: regular files
//! only (a FIFO, a device or a folder is refused before anything blocks),
//! and never more than a stated number of bytes, so `/dev/zero`, a pipe
//! nobody writes to or a gigabyte "log" cost nothing.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why a file was not read, in words for the person who named it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadRefusal {
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("this is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("the file is larger than the {limit} byte limit for {what}")]
    TooLarge { limit: u64, what: &'static str },
}

/// Reads at most `limit` bytes of a regular file; `what` names the kind of
/// file in the error ("a scenario", "a session log").
pub fn read_regular(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadRefusal> {
    let io = |e: std::io::Error| ReadRefusal::Io(e.to_string());
    // Look before opening: opening a FIFO for reading waits for a writer.
    kind_refusal(&std::fs::metadata(path).map_err(io)?)?;
    let file = open_without_blocking(path).map_err(io)?;
    // And look again at what was opened, in case the path changed between.
    let meta = file.metadata().map_err(io)?;
    kind_refusal(&meta)?;
    if meta.len() > limit {
        return Err(ReadRefusal::TooLarge { limit, what });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the limit tells a file that grew while read.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadRefusal::TooLarge { limit, what });
    }
    Ok(bytes)
}

fn kind_refusal(meta: &std::fs::Metadata) -> Result<(), ReadRefusal> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    Err(ReadRefusal::NotRegular(if t.is_dir() {
        "a folder"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                "a named pipe (FIFO)"
            } else if t.is_char_device() || t.is_block_device() {
                "a device"
            } else if t.is_socket() {
                "a socket"
            } else {
                "a special file"
            }
        }
        #[cfg(not(unix))]
        "a special file"
    }))
}

#[cfg(target_os = "linux")]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: a FIFO swapped in after the check still cannot hang us.
    // Reads of a regular file ignore the flag.
    const O_NONBLOCK: i32 = 0o4000;
    OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_one_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_regular(&p, 5, "a scenario").unwrap(), b"12345");
        assert_eq!(
            read_regular(&p, 4, "a scenario"),
            Err(ReadRefusal::TooLarge { limit: 4, what: "a scenario" })
        );
    }

    #[test]
    fn refuses_folders_devices_and_pipes_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_regular(dir.path(), 10, "x"), Err(ReadRefusal::NotRegular("a folder")));
        #[cfg(unix)]
        {
            assert_eq!(
                read_regular(Path::new("/dev/zero"), 10, "x"),
                Err(ReadRefusal::NotRegular("a device"))
            );
            let fifo = dir.path().join("pipe.ron");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            assert_eq!(read_regular(&fifo, 10, "x"), Err(ReadRefusal::NotRegular("a named pipe (FIFO)")));
        }
    }
}
