import Foundation

package enum CommandLineOutput {
    package static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    package static func fail(_ message: String, status: Int32) -> Never {
        error(message)
        exit(status)
    }
}
