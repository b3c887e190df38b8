#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Writes an output file all at once or not at all: the text goes to a temporary file in the
/// same folder, which is then renamed over the target, so a failure never leaves half a file.
enum OutputFile {
    /// Writes `text` to `path` atomically. Cannot create: one line, exit 73 (EX_CANTCREAT);
    /// a write error: exit 74 (EX_IOERR).
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            StandardStreams.error("\(path): cannot create: \(String(cString: strerror(errno)))")
            throw ExitCode(73)
        }
        var text = text
        let ok = text.withUTF8 { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        if !ok || fsync(fd) != 0 || close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            StandardStreams.error("\(path): cannot write: \(reason)")
            throw ExitCode(74)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            StandardStreams.error("\(path): cannot create: \(reason)")
            throw ExitCode(73)
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
