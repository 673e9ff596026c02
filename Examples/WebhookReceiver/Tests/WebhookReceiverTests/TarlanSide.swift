import Foundation

/// Plays Tarlan: signs payloads with the documented algorithm, in Python as the documentation's own
/// sample does, sharing no code with TarlanKit (sorted compact JSON with Go's HTML-safe escapes, minus
/// top-level "" values and additional_data; Base64; + secret; SHA-256; hex).
enum TarlanSide {
    private static let signer = #"""
    import base64, hashlib, json, os, sys
    payload = json.load(sys.stdin)
    signed = {k: v for k, v in payload.items() if v != "" and k != "additional_data"}
    text = json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    encoded = base64.b64encode(text.encode()).decode()
    print(hashlib.sha256((encoded + os.environ["SIGNING_SECRET"]).encode()).hexdigest(), end="")
    """#

    struct SignerFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The hex signature of `payload` (JSON object text) under `secret`.
    static func signature(_ payload: String, secret: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", signer]
        var environment = ProcessInfo.processInfo.environment
        environment["SIGNING_SECRET"] = secret
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(payload.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, text.count == 64 else {
            throw SignerFailed(description: "python3 signer exited \(process.terminationStatus)")
        }
        return text
    }
}
