import Foundation
import RinriCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rinri's private folder (`RINRI_DATA_DIR`): readable by its owner only (0700), and every file in it
/// created exclusively (never through a link someone planted) with mode 0600.
public struct DataDirectory: Sendable {
    public let url: URL

    /// Creates the folder (and its parents) private when missing; an existing one must be private already.
    /// - Throws: ``RinriError`` naming the folder when it cannot be made or is not a folder.
    public static func prepare(_ path: String) throws -> DataDirectory {
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw problem(url, "exists and is not a folder") }
            // An existing folder is never re-permissioned (it might be shared, like /tmp): it must already be private.
            var info = stat()
            guard stat(url.path, &info) == 0 else { throw problem(url, "cannot be read") }
            guard info.st_mode & 0o077 == 0 else {
                throw problem(url, "can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); make it private with chmod 700 \(url.path), or choose another RINRI_DATA_DIR")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch { throw problem(url, "cannot be created (\(error.localizedDescription))") }
            guard chmod(url.path, 0o700) == 0 else { throw problem(url, "cannot be made private (chmod 0700 failed)") }
        }
        return DataDirectory(url: url)
    }

    private static func problem(_ url: URL, _ text: String) -> RinriError {
        RinriError.invalid(field: "RINRI_DATA_DIR", code: "data_dir", message: "the data folder \(url.path) \(text)")
    }

    /// A sub-folder, made private like the folder itself.
    public func folder(_ name: String) throws -> DataDirectory { try Self.prepare(url.appendingPathComponent(name).path) }

    /// Creates `name` with `contents`, readable by the owner only; replaces a file of that name.
    @discardableResult
    public func writePrivate(_ name: String, _ contents: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        unlink(file.path)
        let handle = try createExclusive(file)
        defer { try? handle.close() }
        try handle.write(contentsOf: contents)
        return file
    }

    /// Opens a new file, failing if anything (a file, a link) already has its name.
    public func createExclusive(_ file: URL) throws -> FileHandle {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw RinriError.invalid(field: "RINRI_DATA_DIR", code: "data_dir",
                                     message: "cannot create \(file.path) (\(String(cString: strerror(errno))))")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// A new, empty private file with a random name in `folder`.
    public func newFile(in folder: String, suffix: String = "") throws -> (url: URL, handle: FileHandle) {
        let place = try self.folder(folder)
        let file = place.url.appendingPathComponent(UUID().uuidString.lowercased() + suffix)
        return (file, try createExclusive(file))
    }

    /// The key kept in `name`, made of `bytes` random bytes on first use.
    public func key(_ name: String, bytes: Int = 32) throws -> Data {
        let file = url.appendingPathComponent(name)
        if let data = try? Data(contentsOf: file), data.count >= bytes { return data }
        var random = Data(count: bytes)
        var generator = SystemRandomNumberGenerator()
        for i in 0..<bytes { random[i] = UInt8.random(in: 0...255, using: &generator) }
        try writePrivate(name, random)
        return random
    }
}
