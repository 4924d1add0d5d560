import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOPosix
import Vapor

/// A headless Chromium driven over the DevTools protocol: enough to load pages, run script in them and click.
final class HeadlessBrowser: @unchecked Sendable {
    /// The Chromium executable on this machine, if any.
    static let executable: String? = {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    private let process = Process()
    private let profile: URL
    private var socket: WebSocket?
    private let lock = NSLock()
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<[String: Any], any Error>] = [:]

    init() throws {
        guard let executable = Self.executable else { throw BrowserError.noBrowser }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("rinri-chromium-\(UUID().uuidString)")
        let port = Int.random(in: 41_000...49_000)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--remote-debugging-port=\(port)", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)",
                             "--window-size=1280,1000", "about:blank"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.port = port
    }

    private let port: Int

    /// Connects to the browser's page target (retrying while Chromium starts).
    func connect() async throws {
        for _ in 0..<100 {
            // Foundation's URLSession cannot read Chromium's DevTools HTTP answers on Linux; AsyncHTTPClient can.
            if let response = try? await HTTPClient.shared.get(url: "http://127.0.0.1:\(port)/json").get(),
               let body = response.body,
               let targets = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]],
               let page = targets.first(where: { $0["type"] as? String == "page" }),
               let url = page["webSocketDebuggerUrl"] as? String {
                // DevTools messages (page text, events) are often larger than WebSocketKit's default 16 KB frame.
                try await WebSocket.connect(to: url, configuration: .init(maxFrameSize: 1 << 26), on: MultiThreadedEventLoopGroup.singleton) { ws in
                    ws.onText { _, text in self.receive(text) }
                    self.lock.withLock { self.socket = ws }
                }.get()
                // The upgrade handler may run just after the connection future completes.
                for _ in 0..<50 where lock.withLock({ socket == nil }) { try await Task.sleep(for: .milliseconds(20)) }
                _ = try await call("Page.enable")
                _ = try await call("Runtime.enable")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserError.noConnection
    }

    private func receive(_ text: String) {
        guard let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = message["id"] as? Int else { return }
        let continuation = lock.withLock { waiting.removeValue(forKey: id) }
        if let error = message["error"] as? [String: Any] {
            continuation?.resume(throwing: BrowserError.protocolError(String(describing: error)))
        } else {
            continuation?.resume(returning: message["result"] as? [String: Any] ?? [:])
        }
    }

    /// Sends one DevTools command and waits for its answer.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], timeout: Double = 10) async throws -> [String: Any] {
        guard let socket = lock.withLock({ self.socket }) else { throw BrowserError.noConnection }
        let id = lock.withLock { nextID += 1; return nextID }
        let data = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        let label = "\(method) \(String(describing: params["expression"] ?? params["url"] ?? "").prefix(80))"
        return try await withCheckedThrowingContinuation { continuation in
            lock.withLock { waiting[id] = continuation }
            socket.send(String(decoding: data, as: UTF8.self))
            // A command lost in a navigation would otherwise wait for ever.
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
                lock.withLock { waiting.removeValue(forKey: id) }?.resume(throwing: BrowserError.timeout(label))
            }
        }
    }

    /// Evaluates JavaScript in the page and returns its value.
    func eval(_ script: String, timeout: Double = 10) async throws -> Any? {
        let result = try await call("Runtime.evaluate", ["expression": script, "returnByValue": true, "awaitPromise": true], timeout: timeout)
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Runs script that navigates (a click, a submit) after the evaluation has answered, so the answer is not lost.
    func act(_ script: String) async throws {
        _ = try await eval("setTimeout(function () { \(script) }, 0); true")
    }

    func go(_ url: String) async throws {
        try await call("Page.navigate", ["url": url])
        try await waitFor("document.readyState === 'complete' && location.href.startsWith('\(url.split(separator: "#")[0])')")
    }

    /// Waits until `condition` (JavaScript) is true in the page; fails after `seconds`.
    func waitFor(_ condition: String, seconds: Double = 10) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if (try? await eval("(function(){ try { return !!(\(condition)); } catch (e) { return false; } })()", timeout: 2)) as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserError.timeout(condition)
    }

    func close() {
        _ = socket?.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    enum BrowserError: Error, CustomStringConvertible {
        case noBrowser, noConnection
        case protocolError(String)
        case timeout(String)

        var description: String {
            switch self {
            case .noBrowser: return "no Chromium on this machine (apt-get install chromium)"
            case .noConnection: return "could not connect to Chromium's DevTools endpoint"
            case .protocolError(let text): return "DevTools error: \(text)"
            case .timeout(let condition): return "timed out waiting for: \(condition)"
            }
        }
    }
}
