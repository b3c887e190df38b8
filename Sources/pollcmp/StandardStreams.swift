#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import PollCompare

/// Writing to stdout and stderr without Foundation (which would slow start-up).
enum StandardStreams {
    static func write(_ text: String) {
        if !writeAll(text, to: 1) {
            writeAll("pollcmp: error: cannot write to standard output\n", to: 2)
            exit(74)
        }
    }

    static func error(_ message: String) {
        writeAll("pollcmp: error: \(message)\n", to: 2)
    }

    static func note(_ message: String) {
        writeAll("pollcmp: note: \(message)\n", to: 2)
    }

    @discardableResult
    private static func writeAll(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { FileDescriptor.writeAll(fd, UnsafeRawBufferPointer($0)) } == 0
    }
}

/// Raw writes to a file descriptor.
enum FileDescriptor {
    /// Writes every byte, retrying short writes and EINTR; returns 0, or the errno of a failure.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}

/// Data errors print one line on stderr and exit with 65 (EX_DATAERR).
enum DataErrors {
    static let exitCode = ExitCode(65)

    static func guarded<T>(_ body: () throws(PollCompareError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardStreams.error(error.description)
            throw exitCode
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
