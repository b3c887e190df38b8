// The one file of pollcmp that calls the operating system (Glibc on Linux, Darwin on Apple
// platforms). Everything else goes through `Platform`, so the program builds on both.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process, file and signal calls, each a thin wrapper that keeps errno handling in one place.
enum Platform {
    /// Ends the process with `code`.
    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }

    /// The process id (for temporary file names).
    static var processID: Int32 { getpid() }

    /// The text of an errno value.
    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The errno of the last failed call.
    static var lastError: Int32 { errno }

    // MARK: File descriptors

    /// Opens `path` for reading: the descriptor, or the errno of a failure.
    static func openForReading(_ path: String) -> Result<Int32, Errno> {
        let fd = open(path, O_RDONLY)
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    /// Creates `path`, which must not exist (O_EXCL), for writing with mode 0644.
    static func createExclusive(_ path: String) -> Result<Int32, Errno> {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    /// Opens an existing file for writing without creating or truncating it (a device, a FIFO).
    static func openExistingForWriting(_ path: String) -> Result<Int32, Errno> {
        let fd = open(path, O_WRONLY)
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    /// Reads up to `count` bytes, retrying EINTR: the number read (0 at the end), or the errno.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            #else
            let n = Darwin.read(fd, buffer.baseAddress!, buffer.count)
            #endif
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// Writes every byte, retrying short writes and EINTR: 0, or the errno of a failure.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let n = Darwin.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Flushes a file to disk and closes it: 0, or the errno of the first failure.
    static func syncAndClose(_ fd: Int32) -> Int32 {
        if fsync(fd) != 0 {
            let code = errno
            // fsync cannot flush a device or a FIFO; that is not a failure of the write.
            if code != EINVAL && code != ENOTSUP {
                close(fd)
                return code
            }
        }
        return close(fd) == 0 ? 0 : errno
    }

    /// Closes a descriptor, ignoring errors (used on paths that already failed).
    static func closeQuietly(_ fd: Int32) { _ = close(fd) }

    /// Renames `from` over `to`: 0, or the errno.
    static func rename(_ from: String, _ to: String) -> Int32 {
        #if canImport(Glibc)
        return Glibc.rename(from, to) == 0 ? 0 : errno
        #else
        return Darwin.rename(from, to) == 0 ? 0 : errno
        #endif
    }

    /// Removes a file, ignoring errors.
    static func remove(_ path: String) { _ = unlink(path) }

    // MARK: Paths

    /// What a path names, following symbolic links.
    enum FileKind {
        case missing, regular, other
    }

    /// The kind of file at `path` (after following links).
    static func kind(of path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFREG ? .regular : .other
    }

    /// The path a chain of symbolic links ends at (the path itself when it is no link). A
    /// dangling link resolves to its last target, so the file is created there.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: 4096)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + target
            } else {
                current = target
            }
        }
        return current
    }

    // MARK: Signals

    /// The temporary file to remove if a signal ends the process, as a C string that a signal
    /// handler can read without allocating.
    nonisolated(unsafe) private static var pendingTemporary: UnsafeMutablePointer<CChar>?

    /// Removes `path` if SIGINT, SIGTERM, SIGHUP or SIGXFSZ ends the process before
    /// ``forgetTemporaryFile()``; the signal then takes its default effect. SIGXFSZ (a file
    /// size limit) is turned into a write error instead, so the normal failure path runs.
    static func removeOnSignal(_ path: String) {
        forgetTemporaryFile()
        pendingTemporary = strdup(path)
        signal(SIGXFSZ, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                if let path = Platform.pendingTemporary { unlink(path) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Stops removing the temporary file on a signal (it was renamed or removed).
    static func forgetTemporaryFile() {
        if let path = pendingTemporary {
            pendingTemporary = nil
            free(path)
        }
    }

    /// Ends the process as a closed pipe would (SIGPIPE's default effect): quietly.
    static func endOnClosedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        exit(141)
    }

    /// EPIPE: a write to a pipe whose reader has gone.
    static let brokenPipe = EPIPE
}

/// An errno value from a failed call.
struct Errno: Error, Equatable {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    /// Its text, e.g. "No such file or directory".
    var text: String { Platform.describe(code) }
    /// Whether it says the path is a directory.
    var isDirectory: Bool { code == EISDIR }
}
