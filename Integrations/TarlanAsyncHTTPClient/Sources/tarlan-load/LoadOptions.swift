import Foundation

struct LoadOptions {
    var url = URL(string: "http://127.0.0.1:8080")!
    var transport = "ahc"
    var calls = 10_000
    var concurrency = 64

    static func parse(_ arguments: [String]) -> LoadOptions {
        var options = LoadOptions()
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(name) needs a value") }
            switch name {
            case "--url":
                guard let url = URL(string: value) else { fail("bad URL \(value)") }
                options.url = url
            case "--transport": options.transport = value
            case "--calls": options.calls = positive(name, value)
            case "--concurrency": options.concurrency = positive(name, value)
            default: fail("unknown option \(name)")
            }
        }
        return options
    }

    private static func positive(_ name: String, _ value: String) -> Int {
        guard let number = Int(value), number > 0 else { fail("\(name) needs a positive number, not \(value)") }
        return number
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("tarlan-load: \(message)\n".utf8))
        exit(2)
    }
}
