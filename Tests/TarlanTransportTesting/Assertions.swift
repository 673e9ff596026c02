import Foundation
import TarlanPayments
import XCTest

/// The `TarlanError` a call threw; fails the test if it threw something else or nothing.
public func asyncTarlanError<T>(
    file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> T
) async -> TarlanError? {
    do {
        let value = try await body()
        XCTFail("expected a TarlanError, got the value \(value)", file: file, line: line)
    } catch let error as TarlanError {
        return error
    } catch {
        XCTFail("expected a TarlanError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

extension TarlanError {
    public var apiError: TarlanAPIError? {
        if case .api(let error) = self { error } else { nil }
    }

    public var httpFailure: HTTPFailure? {
        if case .http(let failure) = self { failure } else { nil }
    }

    public var decodingFailure: DecodingFailure? {
        if case .decoding(let failure) = self { failure } else { nil }
    }

    public var transportFailure: TransportFailure? {
        if case .transport(let failure) = self { failure } else { nil }
    }
}

/// Parses JSON text with the runtime's strict parser, failing the test on bad input.
public func parseJSON(_ data: Data, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
    do {
        return try JSONParser.parse(data)
    } catch {
        XCTFail("not JSON: \(error): \(String(decoding: data, as: UTF8.self))", file: file, line: line)
        return .null
    }
}

/// Thread-safe storage for what a transport saw while a case runs.
public final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []

    public init() {}

    public func append(_ value: Value) {
        lock.lock()
        storage.append(value)
        lock.unlock()
    }

    public var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    public var count: Int { values.count }
}
